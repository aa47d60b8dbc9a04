package dev.bellwether.test;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Redis Sentinel as it runs in production: one master, two replicas and three Sentinels
 * (quorum 2) on free loopback ports, every one a {@link RedisServer} process. Sentinels
 * declare a master down after one second, so a failover takes a few seconds.
 * <p>
 * Spring's {@code RedisSentinelConfiguration} takes {@link #masterName()} and
 * {@link #sentinelNodes()}; Lettuce takes {@link #redisUri()}.
 */
public final class RedisSentinel implements AutoCloseable {

	/** The name the Sentinels monitor the master under. */
	public static final String MASTER_NAME = "bellwether";

	private static final Log logger = LogFactory.getLog(RedisSentinel.class);

	/**
	 * How long a requested failover is given to promote a replica before it is asked
	 * again.
	 */
	private static final Duration FAILOVER_ATTEMPT = Duration.ofSeconds(10);

	private final List<RedisServer> dataNodes;

	private final List<RedisServer> sentinels;

	private final List<StatefulRedisSentinelConnection<String, String>> connections = new ArrayList<>();

	private RedisSentinel(List<RedisServer> dataNodes, List<RedisServer> sentinels) {
		this.dataNodes = dataNodes;
		this.sentinels = sentinels;
	}

	/**
	 * Starts the master, then its replicas, then the Sentinels, and waits until every
	 * Sentinel knows both replicas and both other Sentinels.
	 * @return the running topology
	 */
	public static RedisSentinel start() {
		List<RedisServer> dataNodes = new ArrayList<>(List.of(RedisServer.start()));
		RedisSentinel topology = new RedisSentinel(dataNodes, new ArrayList<>());
		try {
			int masterPort = dataNodes.get(0).port();
			dataNodes.addAll(
					Topology.startAll(Collections.nCopies(2, RedisServerOptions.defaults().withReplicaOf(masterPort))));
			// Sentinels learn replicas from the master's INFO: let them all be online
			// first
			Topology.await()
				.until(() -> dataNodes.get(0).commands().info("replication").contains("connected_slaves:2"));
			RedisServerOptions sentinel = RedisServerOptions.defaults()
				.withSentinel("sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 2",
						"sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
						"sentinel failover-timeout " + MASTER_NAME + " 3000");
			topology.sentinels.addAll(Topology.startAll(Collections.nCopies(3, sentinel)));
			for (RedisServer server : topology.sentinels) {
				topology.connections.add(RedisServer.client().connectSentinel(server.redisUri()));
			}
			Topology.await().until(topology::sentinelsKnowEachOther);
			logger.info("Redis Sentinel: master and replicas on " + Topology.ports(dataNodes) + ", Sentinels on "
					+ Topology.ports(topology.sentinels) + ", " + RedisExecutable.describe());
			return topology;
		}
		catch (RuntimeException ex) {
			topology.close();
			throw ex;
		}
	}

	/**
	 * The name the Sentinels monitor the master under.
	 * @return {@value #MASTER_NAME}
	 */
	public String masterName() {
		return MASTER_NAME;
	}

	/**
	 * The Sentinels' addresses.
	 * @return {@code 127.0.0.1:<port>} of each Sentinel
	 */
	public List<String> sentinelNodes() {
		return Topology.addresses(this.sentinels);
	}

	/**
	 * A Sentinel-aware Lettuce URI: it resolves the current master through the Sentinels.
	 * @return the URI
	 */
	public RedisURI redisUri() {
		RedisURI.Builder builder = RedisURI.Builder.sentinel("127.0.0.1", this.sentinels.get(0).port(), MASTER_NAME);
		this.sentinels.stream().skip(1).forEach((sentinel) -> builder.withSentinel("127.0.0.1", sentinel.port()));
		return builder.build();
	}

	/**
	 * The master and replicas, in the order they were started (the first master first).
	 * @return the data nodes
	 */
	public List<RedisServer> dataNodes() {
		return List.copyOf(this.dataNodes);
	}

	/**
	 * The Sentinel processes.
	 * @return the Sentinels
	 */
	public List<RedisServer> sentinels() {
		return List.copyOf(this.sentinels);
	}

	/**
	 * The data node that the first Sentinel that answers names as master.
	 * @return the master
	 */
	public RedisServer currentMaster() {
		for (StatefulRedisSentinelConnection<String, String> connection : this.connections) {
			try {
				return Topology.byPort(this.dataNodes, port(connection.sync().getMasterAddrByName(MASTER_NAME)));
			}
			catch (RuntimeException ex) {
				// ask the next Sentinel
			}
		}
		throw new IllegalStateException("No Sentinel names a master");
	}

	/**
	 * Asks a Sentinel to fail over ({@code SENTINEL FAILOVER}) and waits until a replica
	 * has been promoted and every Sentinel names it. As in production, the previous
	 * master stays a master, and keeps the connections it has, until a Sentinel turns it
	 * into a replica some eight seconds later (and then disconnects its clients): only
	 * new connections find the new master at once. A failover the Sentinels accepted but
	 * that promoted nobody within a few seconds (they found no replica good enough yet,
	 * such as right after one was restarted) is asked for again, as an operator would.
	 * @return the new master
	 */
	public RedisServer failover() {
		RedisServer previous = currentMaster();
		return Awaitility.await().atMost(FAILOVER_ATTEMPT.multipliedBy(4)).until(() -> {
			requestFailover();
			try {
				return Awaitility.await()
					.atMost(FAILOVER_ATTEMPT)
					.pollInterval(Duration.ofMillis(50))
					.ignoreExceptions()
					.until(() -> newMaster(previous), Objects::nonNull);
			}
			catch (ConditionTimeoutException ex) {
				logger.info("The Sentinels accepted SENTINEL FAILOVER but promoted no replica; asking again");
				return null;
			}
		}, Objects::nonNull);
	}

	/**
	 * Asks a Sentinel to fail over ({@code SENTINEL FAILOVER}) and returns once it has
	 * accepted, without waiting for the promotion.
	 * @return the master before the failover
	 * @see #awaitNewMaster(RedisServer)
	 */
	public RedisServer requestFailover() {
		RedisServer previous = currentMaster();
		Topology.await().until(() -> "OK".equals(this.connections.get(0).sync().failover(MASTER_NAME)));
		return previous;
	}

	/**
	 * Kills the current master with {@code kill -9}; the Sentinels will fail over.
	 * @return the killed master
	 * @see #awaitNewMaster(RedisServer)
	 */
	public RedisServer killMaster() {
		RedisServer master = currentMaster();
		master.kill();
		return master;
	}

	/**
	 * Waits until another node than the previous master is master, says so itself, and
	 * every Sentinel that runs names it.
	 * @param previous the previous master
	 * @return the new master
	 */
	public RedisServer awaitNewMaster(RedisServer previous) {
		return Topology.await().until(() -> newMaster(previous), Objects::nonNull);
	}

	/**
	 * The master the Sentinels name, if every running one names the same node, it is not
	 * the previous master, and it says it is master.
	 */
	private @Nullable RedisServer newMaster(RedisServer previous) {
		List<Integer> named = new ArrayList<>();
		for (int i = 0; i < this.sentinels.size(); i++) {
			if (this.sentinels.get(i).isRunning()) {
				named.add(port(this.connections.get(i).sync().getMasterAddrByName(MASTER_NAME)));
			}
		}
		RedisServer candidate = Topology.byPort(this.dataNodes, named.get(0));
		boolean agreed = named.stream().allMatch((port) -> port == candidate.port());
		return (agreed && candidate != previous && candidate.commands().info("replication").contains("role:master"))
				? candidate : null;
	}

	/**
	 * Waits until both data nodes other than the master the Sentinels name replicate it
	 * with their link up, and every Sentinel that runs has finished failing over, names
	 * that master and knows both replicas up: after {@code SENTINEL FAILOVER}, until a
	 * Sentinel has turned the previous master into a replica (some eight seconds later);
	 * after a killed master was restarted (empty, as a master or a replica of whichever
	 * node it replicated when it started), until the Sentinels have made it a replica of
	 * the new master, it has synced and they know it. A failover asked for sooner can
	 * race the Sentinels' own reconfiguration.
	 * @return the master
	 */
	public RedisServer awaitReplicated() {
		return Topology.await().until(() -> {
			RedisServer master = currentMaster();
			return (this.dataNodes.stream()
				.filter((node) -> node != master)
				.allMatch((node) -> Topology.replicates(node, master)) && sentinelsAgreeOn(master)) ? master : null;
		}, (master) -> master != null);
	}

	@Override
	public void close() {
		Topology.closeAll(this.connections);
		Topology.closeAll(this.sentinels);
		Topology.closeAll(this.dataNodes);
	}

	/**
	 * Whether every Sentinel that runs names this master, is not failing it over, and
	 * knows every other data node as a replica that is neither down nor disconnected (the
	 * replicas it would choose from; how each replica's link is it learns only every ten
	 * seconds).
	 */
	private boolean sentinelsAgreeOn(RedisServer master) {
		for (int i = 0; i < this.sentinels.size(); i++) {
			if (!this.sentinels.get(i).isRunning()) {
				continue;
			}
			RedisSentinelCommands<String, String> sentinel = this.connections.get(i).sync();
			List<Map<String, String>> replicas = sentinel.replicas(MASTER_NAME);
			if (port(sentinel.getMasterAddrByName(MASTER_NAME)) != master.port()
					|| !"master".equals(sentinel.master(MASTER_NAME).get("flags"))
					|| replicas.size() != this.dataNodes.size() - 1
					|| !replicas.stream().allMatch((replica) -> "slave".equals(replica.get("flags")))) {
				return false;
			}
		}
		return true;
	}

	private boolean sentinelsKnowEachOther() {
		for (StatefulRedisSentinelConnection<String, String> connection : this.connections) {
			Map<String, String> master = connection.sync().master(MASTER_NAME);
			if (!"2".equals(master.get("num-slaves")) || !"2".equals(master.get("num-other-sentinels"))) {
				return false;
			}
		}
		return true;
	}

	private static int port(SocketAddress address) {
		return ((InetSocketAddress) address).getPort();
	}

}
