package dev.bellwether.test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Redis Cluster as it runs in production: three masters with one replica each on free
 * loopback ports, every node a {@link RedisServer} process. The cluster is formed from
 * Java ({@code CLUSTER ADDSLOTS}, {@code MEET}, {@code REPLICATE}), so no
 * {@code redis-cli} is needed. With a {@code cluster-node-timeout} of one second, a
 * replica takes over a killed master within a few seconds.
 * <p>
 * Spring's {@code RedisClusterConfiguration} takes {@link #clusterNodes()}.
 */
public final class RedisCluster implements AutoCloseable {

	private static final Duration NODE_TIMEOUT = Duration.ofMillis(1000);

	private static final int MASTERS = 3;

	/**
	 * How long a forced failover is given before it is asked for again: a master votes
	 * for the replicas of one master only once in twice the node timeout, and a replica
	 * that ran an election a few seconds before may think it won that old one again and
	 * be turned back into a replica at once.
	 */
	private static final Duration FAILOVER_ATTEMPT = NODE_TIMEOUT.multipliedBy(5);

	private static final Log logger = LogFactory.getLog(RedisCluster.class);

	private final List<RedisServer> nodes;

	private RedisCluster(List<RedisServer> nodes) {
		this.nodes = nodes;
	}

	/**
	 * Starts six nodes in parallel, gives each master a third of the slots, joins them
	 * and makes the others replicas, then waits until the cluster is healthy and each
	 * master has its replica, linked, as {@link #replicasOf(RedisServer)} sees it.
	 * @return the running cluster
	 */
	public static RedisCluster start() {
		RedisCluster cluster = new RedisCluster(Topology
			.startAll(Collections.nCopies(2 * MASTERS, RedisServerOptions.defaults().withCluster(NODE_TIMEOUT))));
		try {
			List<RedisServer> nodes = cluster.nodes;
			for (int i = 0; i < nodes.size(); i++) {
				nodes.get(i).commands().clusterSetConfigEpoch(i + 1);
			}
			for (int i = 0; i < MASTERS; i++) {
				nodes.get(i)
					.commands()
					.clusterAddSlots(
							IntStream.range(SlotHash.SLOT_COUNT * i / MASTERS, SlotHash.SLOT_COUNT * (i + 1) / MASTERS)
								.toArray());
			}
			nodes.stream().skip(1).forEach((node) -> nodes.get(0).commands().clusterMeet("127.0.0.1", node.port()));
			Topology.await().until(() -> nodes.stream().allMatch((node) -> cluster.knowsAll(node)));
			for (int i = MASTERS; i < nodes.size(); i++) {
				nodes.get(i).commands().clusterReplicate(nodes.get(i - MASTERS).commands().clusterMyId());
			}
			cluster.awaitReplicated();
			logger.info("Redis Cluster: masters and replicas on " + Topology.ports(nodes) + ", "
					+ RedisExecutable.describe());
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/**
	 * The nodes' addresses.
	 * @return {@code 127.0.0.1:<port>} of each node
	 */
	public List<String> clusterNodes() {
		return Topology.addresses(this.nodes);
	}

	/**
	 * The nodes, the three first masters then their replicas, in the order they were made
	 * (a failover swaps roles, not this order).
	 * @return the nodes
	 */
	public List<RedisServer> nodes() {
		return List.copyOf(this.nodes);
	}

	/**
	 * The master that serves a key's slot, as a running node sees the cluster.
	 * @param key the key, such as {@code bellwether:{hedging}:leader}
	 * @return the master
	 */
	public RedisServer masterOf(String key) {
		int slot = SlotHash.getSlot(key);
		return partitions().stream()
			.filter((node) -> node.is(NodeFlag.UPSTREAM) && node.hasSlot(slot))
			.map((node) -> Topology.byPort(this.nodes, node.getUri().getPort()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No master serves slot " + slot));
	}

	/**
	 * The replicas of a master, as a running node sees the cluster.
	 * @param master the master
	 * @return its replicas
	 */
	public List<RedisServer> replicasOf(RedisServer master) {
		String id = master.commands().clusterMyId();
		return partitions().stream()
			.filter((node) -> id.equals(node.getSlaveOf()))
			.map((node) -> Topology.byPort(this.nodes, node.getUri().getPort()))
			.toList();
	}

	/**
	 * Kills a node with {@code kill -9}; if it was a master, its replica will take over.
	 * @param node the node
	 * @see #awaitHealthy()
	 */
	public void kill(RedisServer node) {
		node.kill();
	}

	/**
	 * Asks a replica to take over its master's slots with {@code CLUSTER FAILOVER}, a
	 * manual failover: the master holds its clients back until the replica has caught up,
	 * so no acknowledged write is lost, and becomes the replica's replica. Waits until
	 * the replica says it is master.
	 * @param replica the replica that takes over
	 * @see #awaitReplicated()
	 */
	public void failover(RedisServer replica) {
		Topology.await().until(() -> "OK".equals(replica.commands().clusterFailover(false)));
		Topology.await().until(() -> replica.commands().info("replication").contains("role:master"));
	}

	/**
	 * Promotes a replica with {@code CLUSTER FAILOVER FORCE}, as an operator does when
	 * its master does not answer: the replica takes over without its master's agreement,
	 * with the other masters' votes. Waits until the replica says it is master with the
	 * cluster's highest config epoch, every running node names it master of its slots and
	 * the cluster is healthy; asks again if that has not happened within a few seconds
	 * (soon after another failover of the same slots the masters may refuse their votes).
	 * Its former master, if it runs, turns into its replica: see
	 * {@link #awaitReplicated(RedisServer)}.
	 * @param replica the replica to promote
	 */
	public void forceFailover(RedisServer replica) {
		Topology.await().until(() -> {
			replica.commands().clusterFailover(true);
			try {
				Awaitility.await()
					.atMost(FAILOVER_ATTEMPT)
					.pollInterval(Duration.ofMillis(50))
					.ignoreExceptions()
					.until(() -> isPromoted(replica));
				return true;
			}
			catch (ConditionTimeoutException ex) {
				return false;
			}
		});
	}

	/**
	 * Waits until a master has a replica, every replica it has replicates it with its
	 * link up, and the cluster is healthy: after a failover, until the former master
	 * follows the promoted replica; after a killed master was restarted (empty, with its
	 * {@code nodes.conf}), until it has rejoined as a replica of the node that took over
	 * and has synced.
	 * @param master the master
	 */
	public void awaitReplicated(RedisServer master) {
		Topology.await().until(() -> isReplicated(master));
	}

	/**
	 * Waits until every running node says {@code cluster_state:ok} and sees every slot
	 * served by a running master: after a master was killed, until its replica has been
	 * promoted.
	 */
	public void awaitHealthy() {
		Topology.await().until(this::isHealthy);
	}

	/**
	 * Waits until the cluster is healthy, every node runs, and every master has a replica
	 * whose link to it is up: after a failover, until the replaced master (restarted with
	 * {@link RedisServer#restart()}, which keeps its {@code nodes.conf}, or resumed) has
	 * rejoined as a replica of the node that took its slots and has synchronised.
	 */
	public void awaitReplicated() {
		Topology.await()
			.until(() -> running().size() == this.nodes.size() && partitions().stream()
				.filter((node) -> node.is(NodeFlag.UPSTREAM) && !node.getSlots().isEmpty())
				.map((node) -> Topology.byPort(this.nodes, node.getUri().getPort()))
				.allMatch(this::isReplicated));
	}

	@Override
	public void close() {
		Topology.closeAll(this.nodes);
	}

	private boolean isHealthy() {
		for (RedisServer node : running()) {
			if (!node.commands().clusterInfo().contains("cluster_state:ok")) {
				return false;
			}
			int served = 0;
			for (RedisClusterNode seen : parse(node)) {
				if (seen.is(NodeFlag.UPSTREAM) && !seen.getSlots().isEmpty()) {
					if (!Topology.byPort(this.nodes, seen.getUri().getPort()).isRunning()) {
						return false;
					}
					served += seen.getSlots().size();
				}
			}
			if (served != SlotHash.SLOT_COUNT) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a node won a failover: it says it is master, its config epoch is the
	 * highest any running node knows (one that claims slots with an older epoch is turned
	 * back into a replica), every running node sees it serve slots, and the cluster is
	 * healthy.
	 */
	private boolean isPromoted(RedisServer node) {
		String id = node.commands().clusterMyId();
		long epoch = clusterInfo(node, "cluster_my_epoch");
		return node.commands().info("replication").lines().anyMatch("role:master"::equals) && running().stream()
			.allMatch((other) -> clusterInfo(other, "cluster_current_epoch") <= epoch && parse(other).stream()
				.anyMatch((seen) -> seen.getNodeId().equals(id) && seen.is(NodeFlag.UPSTREAM)
						&& !seen.getSlots().isEmpty()))
				&& isHealthy();
	}

	/** A number in a node's {@code CLUSTER INFO}, such as {@code cluster_my_epoch}. */
	private static long clusterInfo(RedisServer node, String field) {
		return node.commands()
			.clusterInfo()
			.lines()
			.filter((line) -> line.startsWith(field + ":"))
			.mapToLong((line) -> Long.parseLong(line.substring(field.length() + 1).trim()))
			.findFirst()
			.orElseThrow();
	}

	private boolean isReplicated(RedisServer master) {
		List<RedisServer> replicas = replicasOf(master);
		return !replicas.isEmpty() && replicas.stream().allMatch((replica) -> Topology.replicates(replica, master))
				&& isHealthy();
	}

	private boolean knowsAll(RedisServer node) {
		Partitions partitions = parse(node);
		return partitions.size() == this.nodes.size()
				&& partitions.stream().noneMatch((seen) -> seen.is(NodeFlag.HANDSHAKE) || seen.is(NodeFlag.NOADDR));
	}

	private Partitions partitions() {
		return parse(running().get(0));
	}

	private List<RedisServer> running() {
		return this.nodes.stream().filter(RedisServer::isRunning).toList();
	}

	private static Partitions parse(RedisServer node) {
		return ClusterPartitionParser.parse(node.commands().clusterNodes());
	}

}
