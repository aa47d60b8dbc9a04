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

	private static final Log logger = LogFactory.getLog(RedisCluster.class);

	private final List<RedisServer> nodes;

	private RedisCluster(List<RedisServer> nodes) {
		this.nodes = nodes;
	}

	/**
	 * Starts six nodes in parallel, gives each master a third of the slots, joins them
	 * and makes the others replicas, then waits until the cluster is healthy.
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
			Topology.await()
				.until(() -> cluster.isHealthy() && nodes.stream()
					.skip(MASTERS)
					.allMatch((replica) -> replica.commands().info("replication").contains("master_link_status:up")));
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
	 * Promotes a replica with {@code CLUSTER FAILOVER FORCE}, as an operator does when
	 * its master does not answer: the replica takes over without its master's agreement,
	 * with the other masters' votes. Waits until the replica says it is master, every
	 * running node names it master of its slots and the cluster is healthy. Its former
	 * master, if it runs, turns into its replica: see
	 * {@link #awaitReplicated(RedisServer)}.
	 * @param replica the replica to promote
	 */
	public void failover(RedisServer replica) {
		String id = replica.commands().clusterMyId();
		replica.commands().clusterFailover(true);
		Topology.await()
			.until(() -> replica.commands().info("replication").lines().anyMatch("role:master"::equals)
					&& running().stream().allMatch((node) -> servesSlots(node, id)) && isHealthy());
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
		Topology.await().until(() -> {
			List<RedisServer> replicas = replicasOf(master);
			return !replicas.isEmpty() && replicas.stream().allMatch((replica) -> Topology.replicates(replica, master))
					&& isHealthy();
		});
	}

	/**
	 * Waits until every running node says {@code cluster_state:ok} and sees every slot
	 * served by a running master: after a master was killed, until its replica has been
	 * promoted.
	 */
	public void awaitHealthy() {
		Topology.await().until(this::isHealthy);
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

	/** Whether a node sees the node of that id as a master that serves slots. */
	private static boolean servesSlots(RedisServer node, String id) {
		return parse(node).stream()
			.anyMatch(
					(seen) -> seen.getNodeId().equals(id) && seen.is(NodeFlag.UPSTREAM) && !seen.getSlots().isEmpty());
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
