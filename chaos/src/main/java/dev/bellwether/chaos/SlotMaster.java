package dev.bellwether.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.bellwether.test.RedisCluster;
import dev.bellwether.test.RedisServer;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;

import static org.awaitility.Awaitility.await;

/**
 * Which node of a Redis Cluster is master of one key's slot, by the cluster's own rule:
 * of the masters that the nodes name for the slot, the one with the highest config epoch.
 * Each {@link #poll()} asks every node at once, on connections of its own, and counts the
 * answers that come within a short wait. A paused node, whose answer does not come, and a
 * killed one, whose connection is down, are not asked again until they answer, so neither
 * holds the watch up; a master that resumes without knowing yet that it was replaced
 * names itself with its old epoch, and the other nodes outvote it with the newer one.
 * Polled from one thread.
 */
final class SlotMaster implements AutoCloseable {

	/** How long a poll waits for the nodes' answers. */
	private static final Duration WAIT = Duration.ofMillis(50);

	private final List<RedisServer> nodes;

	private final int slot;

	private final DirectClient client = new DirectClient();

	private final Map<RedisServer, StatefulRedisConnection<String, String>> connections = new HashMap<>();

	/** The questions not answered yet, by node. */
	private final Map<RedisServer, RedisFuture<String>> asked = new HashMap<>();

	private volatile RedisServer current;

	/**
	 * Connects to every node and waits until a poll names the master.
	 * @param cluster the cluster
	 * @param key a key of the slot, such as {@code bellwether:{hedging}:leader}
	 */
	SlotMaster(RedisCluster cluster, String key) {
		this.nodes = cluster.nodes();
		this.slot = SlotHash.getSlot(key);
		for (RedisServer node : this.nodes) {
			this.connections.put(node, this.client.connect(node.port()));
		}
		await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(this::poll, (master) -> master != null);
	}

	/**
	 * The master the last poll named.
	 * @return the master
	 */
	RedisServer current() {
		return this.current;
	}

	/**
	 * Asks every node that has answered its last question which master serves the slot,
	 * and names the one with the highest config epoch among the answers that come within
	 * {@link #WAIT}.
	 * @return the master, unchanged when no node answered
	 * @throws InterruptedException if interrupted while waiting for the answers
	 */
	RedisServer poll() throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		for (RedisServer node : this.nodes) {
			this.asked.computeIfAbsent(node, (asking) -> this.connections.get(asking).async().clusterNodes());
		}
		RedisClusterNode newest = null;
		for (RedisServer node : new ArrayList<>(this.asked.keySet())) {
			RedisFuture<String> answer = this.asked.get(node);
			if (!answer.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				continue;
			}
			this.asked.remove(node);
			for (RedisClusterNode named : view(answer)) {
				if (named.is(NodeFlag.UPSTREAM) && named.hasSlot(this.slot)
						&& (newest == null || named.getConfigEpoch() > newest.getConfigEpoch())) {
					newest = named;
				}
			}
		}
		if (newest != null) {
			int port = newest.getUri().getPort();
			this.current = this.nodes.stream().filter((node) -> node.port() == port).findFirst().orElseThrow();
		}
		return this.current;
	}

	private static List<RedisClusterNode> view(RedisFuture<String> answer) throws InterruptedException {
		try {
			return ClusterPartitionParser.parse(answer.get()).getPartitions();
		}
		catch (ExecutionException ex) {
			// the node failed the question (killed, or timed out): it is asked again
			return List.of();
		}
	}

	@Override
	public void close() {
		this.client.close();
	}

}
