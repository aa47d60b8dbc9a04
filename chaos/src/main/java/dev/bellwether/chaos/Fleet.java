package dev.bellwether.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.bellwether.test.RedisSentinel;
import dev.bellwether.test.RedisServer;
import dev.bellwether.test.TcpProxy;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * The system under test: one redis-server, the sample's fake upstream, and instances of
 * the hedging sample, each a JVM of its own that reaches Redis through a proxy of its
 * own, so that one instance can be partitioned or slowed alone.
 */
final class Fleet implements AutoCloseable {

	/** The leader's ttl: a crashed or paused leader is replaced within it. */
	static final Duration TTL = Duration.ofSeconds(3);

	/** How often followers check their revisions against Redis. */
	static final Duration VERIFY_INTERVAL = Duration.ofSeconds(3);

	/** How often the rates are refreshed. */
	static final Duration RATES_INTERVAL = Duration.ofSeconds(2);

	/** How long an instance may take to become ready before it counts as stuck. */
	static final Duration STUCK = Duration.ofSeconds(90);

	/** How often the payment terms are refreshed. */
	static final Duration TERMS_INTERVAL = Duration.ofSeconds(5);

	private final Path jar;

	private final Path logs;

	private final Topology topology;

	private final RedisServer redis;

	private final RedisSentinel sentinel;

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
		this.redis = (this.sentinel != null) ? null : RedisServer.start();
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
			this.instances.add(new Instance("node-" + i, freePort(), TcpProxy.start(master().port())));
		}
		this.instances.forEach(this::launch);
		this.masterWatch = new Thread(this::followMaster, "master-watch");
		this.masterWatch.setDaemon(true);
		if (this.sentinel != null) {
			this.masterWatch.start();
		}
	}

	Topology topology() {
		return this.topology;
	}

	/**
	 * The Redis master: the one redis-server, or the one the Sentinels name.
	 * @return the master
	 */
	RedisServer master() {
		return (this.sentinel != null) ? this.sentinel.currentMaster() : this.redis;
	}

	/**
	 * The Sentinels, under Sentinel.
	 * @return the topology, or {@code null} for one redis-server
	 */
	RedisSentinel sentinel() {
		return this.sentinel;
	}

	/**
	 * The ports of every redis-server that holds data: the one, or master and replicas.
	 * @return the ports
	 */
	List<Integer> dataPorts() {
		return (this.sentinel != null) ? this.sentinel.dataNodes().stream().map(RedisServer::port).toList()
				: List.of(this.redis.port());
	}

	private void followMaster() {
		int followed = master().port();
		while (!this.closed) {
			try {
				int port = master().port();
				if (port != followed) {
					this.history.add(new History.MasterSwitch(System.currentTimeMillis(), port));
					followed = port;
				}
				this.instances.forEach((instance) -> instance.proxy.retarget(port));
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
		List<String> args = List.of("--bellwether.node-id=" + instance.node,
				"--spring.data.redis.url=redis://127.0.0.1:" + instance.proxy.port(), "--embedded-redis.enabled=false",
				"--hedging.upstream.url=http://127.0.0.1:" + this.upstream.port(),
				"--hedging.rates.refresh-interval=" + RATES_INTERVAL.toMillis() + "ms",
				"--hedging.terms.refresh-interval=" + TERMS_INTERVAL.toMillis() + "ms",
				"--bellwether.leader.ttl=" + TTL.toMillis() + "ms",
				"--bellwether.sync.verify-interval=" + VERIFY_INTERVAL.toMillis() + "ms",
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
			instance.proxy.close();
		});
		this.upstream.kill();
		if (this.sentinel != null) {
			this.sentinel.close();
		}
		else {
			this.redis.close();
		}
	}

	/** Which Redis the fleet runs against, and the faults it allows. */
	enum Topology {

		/** One redis-server, which can be paused, or killed and restarted empty. */
		STANDALONE(EnumSet.complementOf(EnumSet.of(Fault.Kind.SENTINEL_FAILOVER))),

		/** A master, two replicas and three Sentinels, which fail over. */
		SENTINEL(EnumSet.complementOf(EnumSet.of(Fault.Kind.REDIS_RESTART_EMPTY)));

		private final Set<Fault.Kind> faults;

		Topology(Set<Fault.Kind> faults) {
			this.faults = faults;
		}

		Set<Fault.Kind> faults() {
			return this.faults;
		}

	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One instance of the hedging sample, across its incarnations. */
	static final class Instance {

		final String node;

		final int port;

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
