package dev.bellwether.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.bellwether.test.FreePorts;
import dev.bellwether.test.RedisCluster;
import dev.bellwether.test.RedisSentinel;
import dev.bellwether.test.RedisServer;
import dev.bellwether.test.TcpProxy;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * The system under test: Redis (one redis-server, Sentinel or Cluster), the sample's fake
 * upstream, and instances of the hedging sample, each a JVM of its own. Against one
 * redis-server or Sentinel each instance reaches Redis through a proxy of its own, so
 * that one instance can be partitioned or slowed alone; against a Cluster, whose nodes
 * Lettuce reaches at the addresses the cluster announces, it connects straight to them.
 */
final class Fleet implements AutoCloseable {

	/** The leader's ttl: a crashed or paused leader is replaced within it. */
	static final Duration TTL = Duration.ofSeconds(3);

	/** How often followers check their revisions against Redis. */
	static final Duration VERIFY_INTERVAL = Duration.ofSeconds(3);

	/** How often the rates are refreshed. */
	static final Duration RATES_INTERVAL = Duration.ofSeconds(2);

	/** How long the fleet keeps a customer's terms it looked up on demand. */
	static final Duration LOOKUP_TTL = Duration.ofSeconds(10);

	/** How long an instance may take to become ready before it counts as stuck. */
	static final Duration STUCK = Duration.ofSeconds(90);

	/** How often the payment terms are refreshed. */
	static final Duration TERMS_INTERVAL = Duration.ofSeconds(5);

	/** The group's leader key: its slot is the group's on a Cluster. */
	static final String LEADER_KEY = "bellwether:{hedging}:leader";

	private final Path jar;

	private final Path logs;

	private final Topology topology;

	private final RedisServer redis;

	private final RedisSentinel sentinel;

	private final RedisCluster cluster;

	/** Which Cluster node serves the group's slot; {@code null} on other topologies. */
	private final SlotMaster slotMaster;

	private final AppProcess upstream;

	private final List<Instance> instances = new ArrayList<>();

	private final Thread masterWatch;

	private final History history;

	private volatile boolean closed;

	Fleet(Path jar, Topology topology, int size, Path logs, History history) {
		this.topology = topology;
		this.history = history;
		this.jar = jar;
		this.logs = logs;
		try {
			Files.createDirectories(logs);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.sentinel = (topology == Topology.SENTINEL) ? RedisSentinel.start() : null;
		this.cluster = (topology == Topology.CLUSTER) ? RedisCluster.start() : null;
		this.slotMaster = (this.cluster != null) ? new SlotMaster(this.cluster, LEADER_KEY) : null;
		this.redis = (topology == Topology.STANDALONE) ? RedisServer.start() : null;
		if (this.sentinel != null) {
			// as Redis recommends under Sentinel: a master that lost its replicas for
			// more
			// than a second (paused, or cut off while the Sentinels promote one of them)
			// refuses writes instead of taking grants that its demotion will discard
			this.sentinel.dataNodes().forEach((node) -> {
				node.commands().configSet("min-replicas-to-write", "1");
				node.commands().configSet("min-replicas-max-lag", "1");
			});
		}
		history.add(new History.MasterSwitch(System.currentTimeMillis(), master().port()));
		this.upstream = AppProcess.start("upstream", jar, freePort(), List.of("--spring.profiles.active=upstream"),
				logs.resolve("upstream.log"));
		for (int i = 0; i < size; i++) {
			this.instances.add(new Instance("node-" + i, freePort(),
					(this.cluster != null) ? null : TcpProxy.start(master().port())));
		}
		this.instances.forEach(this::launch);
		this.masterWatch = new Thread(this::followMaster, "master-watch");
		this.masterWatch.setDaemon(true);
		if (topology != Topology.STANDALONE) {
			this.masterWatch.start();
		}
	}

	Topology topology() {
		return this.topology;
	}

	/**
	 * The Redis master: the one redis-server, the one the Sentinels name, or the Cluster
	 * node that serves the group's slot as the master watch last saw it.
	 * @return the master
	 */
	RedisServer master() {
		if (this.sentinel != null) {
			return this.sentinel.currentMaster();
		}
		return (this.slotMaster != null) ? this.slotMaster.current() : this.redis;
	}

	/**
	 * The Sentinels, under Sentinel.
	 * @return the topology, or {@code null} for one redis-server
	 */
	RedisSentinel sentinel() {
		return this.sentinel;
	}

	/**
	 * The Cluster, under Cluster.
	 * @return the topology, or {@code null} for one redis-server or Sentinel
	 */
	RedisCluster cluster() {
		return this.cluster;
	}

	/**
	 * The ports of every redis-server that holds data: the one, master and replicas, or
	 * every Cluster node.
	 * @return the ports
	 */
	List<Integer> dataPorts() {
		List<RedisServer> nodes = (this.sentinel != null) ? this.sentinel.dataNodes()
				: (this.cluster != null) ? this.cluster.nodes() : List.of(this.redis);
		return nodes.stream().map(RedisServer::port).toList();
	}

	/**
	 * Records every master switch; under Sentinel, points every proxy at the new master,
	 * as a service or DNS name in front of Redis does.
	 */
	private void followMaster() {
		int followed = master().port();
		while (!this.closed) {
			try {
				int port = ((this.slotMaster != null) ? this.slotMaster.poll() : master()).port();
				if (port != followed) {
					this.history.add(new History.MasterSwitch(System.currentTimeMillis(), port));
					followed = port;
				}
				if (this.sentinel != null) {
					this.instances.forEach((instance) -> instance.proxy.retarget(port));
				}
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				// no Sentinel answered: ask again
			}
		}
	}

	AppProcess upstream() {
		return this.upstream;
	}

	List<Instance> instances() {
		return this.instances;
	}

	/**
	 * Starts an instance's next incarnation.
	 * @param instance the instance, whose process has gone
	 */
	void launch(Instance instance) {
		instance.incarnation++;
		String redis = (this.cluster != null)
				? "--spring.data.redis.cluster.nodes=" + String.join(",", this.cluster.clusterNodes())
				: "--spring.data.redis.url=redis://127.0.0.1:" + instance.proxy.port();
		List<String> args = List.of("--bellwether.node-id=" + instance.node, redis, "--embedded-redis.enabled=false",
				"--hedging.upstream.url=http://127.0.0.1:" + this.upstream.port(),
				"--hedging.rates.refresh-interval=" + RATES_INTERVAL.toMillis() + "ms",
				"--hedging.terms.refresh-interval=" + TERMS_INTERVAL.toMillis() + "ms",
				"--bellwether.leader.ttl=" + TTL.toMillis() + "ms",
				"--bellwether.sync.verify-interval=" + VERIFY_INTERVAL.toMillis() + "ms",
				"--bellwether.cache.customer-terms.time-to-live=" + LOOKUP_TTL.toMillis() + "ms",
				"--management.endpoints.web.exposure.include=health,info,prometheus,bellwether,metrics",
				"--bellwether.job.retry.delay=200ms", "--bellwether.job.retry.max-retries=2",
				"--logging.level.root=WARN", "--logging.level.dev.bellwether=INFO");
		instance.process = AppProcess.start(instance.node, this.jar, instance.port, args,
				this.logs.resolve(instance.node + ".log"));
	}

	/**
	 * Waits until every instance answers its readiness probe with UP.
	 * @param atMost how long to wait
	 */
	void awaitReady(Duration atMost) {
		try {
			await().atMost(STUCK).pollInterval(Duration.ofMillis(100)).until(this::allReady);
			return;
		}
		catch (ConditionTimeoutException ex) {
			// as a startup probe would: dump, kill and start again what has not come up
			for (Instance instance : stuck()) {
				instance.process.dumpThreads();
				instance.process.kill();
				this.history.add(new History.Relaunch(System.currentTimeMillis(), instance.node));
				launch(instance);
			}
		}
		try {
			await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(this::allReady);
		}
		catch (ConditionTimeoutException ex) {
			List<String> stuck = new ArrayList<>();
			for (Instance instance : stuck()) {
				instance.process.dumpThreads();
				stuck.add(instance.node);
			}
			throw new IllegalStateException("Not ready within " + atMost + ": " + stuck
					+ "; their logs, with a thread dump each, are in " + this.logs.toAbsolutePath(), ex);
		}
	}

	private List<Instance> stuck() {
		return this.instances.stream().filter((instance) -> !instance.isReady()).toList();
	}

	boolean allReady() {
		return this.instances.stream().allMatch(Instance::isReady);
	}

	@Override
	public void close() {
		this.closed = true;
		this.masterWatch.interrupt();
		this.instances.forEach((instance) -> {
			instance.process.kill();
			if (instance.proxy != null) {
				instance.proxy.close();
			}
		});
		this.upstream.kill();
		if (this.sentinel != null) {
			this.sentinel.close();
		}
		else if (this.cluster != null) {
			this.slotMaster.close();
			this.cluster.close();
		}
		else {
			this.redis.close();
		}
	}

	/**
	 * Which Redis the fleet runs against, how the report names it, the system property of
	 * its number of rounds, and the faults it allows.
	 */
	enum Topology {

		/** One redis-server, which can be paused, or killed and restarted empty. */
		STANDALONE("one redis-server", "one redis-server through a proxy of its own", "chaos.rounds", 3,
				allBut(Fault.Kind.SENTINEL_FAILOVER, Fault.Kind.MASTER_KILL, Fault.Kind.MASTER_PARTITION,
						Fault.Kind.CLUSTER_FAILOVER)),

		/** A master, two replicas and three Sentinels, which fail over. */
		SENTINEL("Redis Sentinel",
				"the master of a Sentinel-managed Redis (two replicas, three Sentinels) through a proxy of its own"
						+ " that follows the master the Sentinels name",
				"chaos.sentinel-rounds", 2,
				allBut(Fault.Kind.REDIS_RESTART_EMPTY, Fault.Kind.MASTER_KILL, Fault.Kind.MASTER_PARTITION,
						Fault.Kind.CLUSTER_FAILOVER)),

		/**
		 * Three masters with a replica each, which fail over. Instances connect to the
		 * nodes straight, so no fault needs a proxy.
		 */
		CLUSTER("Redis Cluster",
				"the nodes of a Redis Cluster (three masters, a replica each) straight, at the addresses the cluster"
						+ " announces",
				"chaos.cluster-rounds", 2, allBut(Fault.Kind.PARTITION, Fault.Kind.LATENCY,
						Fault.Kind.REDIS_RESTART_EMPTY, Fault.Kind.REDIS_PAUSE, Fault.Kind.SENTINEL_FAILOVER));

		private final String title;

		private final String reach;

		private final String roundsProperty;

		private final int shortRounds;

		private final Set<Fault.Kind> faults;

		Topology(String title, String reach, String roundsProperty, int shortRounds, Set<Fault.Kind> faults) {
			this.title = title;
			this.reach = reach;
			this.roundsProperty = roundsProperty;
			this.shortRounds = shortRounds;
			this.faults = faults;
		}

		/**
		 * What the report calls it.
		 * @return such as {@code Redis Sentinel}
		 */
		String title() {
			return this.title;
		}

		/**
		 * How an instance reaches Redis, for the report.
		 * @return such as {@code one redis-server through a proxy of its own}
		 */
		String reach() {
			return this.reach;
		}

		/**
		 * The system property that sets how many rounds run against it (0 for none).
		 * @return such as {@code chaos.sentinel-rounds}
		 */
		String roundsProperty() {
			return this.roundsProperty;
		}

		/**
		 * How many rounds run against it, from its system property, else as many as the
		 * short run of every build plays.
		 * @return the rounds
		 */
		int rounds() {
			return Integer.getInteger(this.roundsProperty, this.shortRounds);
		}

		Set<Fault.Kind> faults() {
			return this.faults;
		}

		/**
		 * Whether every node hears every {@code PUBLISH}, as a Cluster passes it on over
		 * its bus, so that only {@code MONITOR} tells which node ran a script.
		 * @return whether announcements reach every node
		 */
		boolean broadcastsAnnouncements() {
			return this == CLUSTER;
		}

		private static Set<Fault.Kind> allBut(Fault.Kind... kinds) {
			return EnumSet.complementOf(EnumSet.copyOf(List.of(kinds)));
		}

	}

	/** A port for an instance, which it binds seconds later, once its JVM has started. */
	private static int freePort() {
		return FreePorts.next();
	}

	/** One instance of the hedging sample, across its incarnations. */
	static final class Instance {

		final String node;

		final int port;

		/** Its own way to Redis, {@code null} on a Cluster. */
		final TcpProxy proxy;

		volatile AppProcess process;

		volatile int incarnation;

		Instance(String node, int port, TcpProxy proxy) {
			this.node = node;
			this.port = port;
			this.proxy = proxy;
		}

		boolean isReady() {
			try {
				return this.process.isAlive()
						&& this.process.send("GET", "/actuator/health/readiness", null, Duration.ofMillis(500))
							.statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		}

	}

}
