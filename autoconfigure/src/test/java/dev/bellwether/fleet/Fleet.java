package dev.bellwether.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import dev.bellwether.test.RedisCluster;
import dev.bellwether.test.RedisSentinel;
import dev.bellwether.test.RedisServer;

import static org.awaitility.Awaitility.await;

/**
 * An in-JVM fleet of {@link FleetNode}s against one real redis-server, each node through
 * its own proxy, or against Redis Sentinel or Redis Cluster as configured by
 * {@code spring.data.redis.*}, without proxies.
 */
public final class Fleet implements AutoCloseable {

	private final @Nullable RedisServer redis;

	private final List<String> redisProperties;

	private final List<FleetNode> nodes = new ArrayList<>();

	private final Map<String, Object> shared = new HashMap<>();

	private final List<String> properties = new ArrayList<>();

	private final Class<?>[] configurations;

	public Fleet(RedisServer redis, Class<?>... configurations) {
		this(redis, List.of(), configurations);
	}

	private Fleet(@Nullable RedisServer redis, List<String> redisProperties, Class<?>... configurations) {
		this.redis = redis;
		this.redisProperties = redisProperties;
		this.configurations = configurations;
	}

	/**
	 * A fleet whose nodes reach the master through the Sentinels.
	 * @param sentinel the topology
	 * @param configurations the application's configurations
	 * @return the fleet, not started
	 */
	public static Fleet sentinel(RedisSentinel sentinel, Class<?>... configurations) {
		return new Fleet(null,
				List.of("spring.data.redis.sentinel.master=" + sentinel.masterName(),
						"spring.data.redis.sentinel.nodes=" + String.join(",", sentinel.sentinelNodes())),
				configurations);
	}

	/**
	 * A fleet whose nodes reach a Redis Cluster.
	 * @param cluster the topology
	 * @param configurations the application's configurations
	 * @return the fleet, not started
	 */
	public static Fleet cluster(RedisCluster cluster, Class<?>... configurations) {
		return new Fleet(null, List.of("spring.data.redis.cluster.nodes=" + String.join(",", cluster.clusterNodes())),
				configurations);
	}

	/** Makes an object a bean of every node, as one upstream seen by the whole fleet. */
	public Fleet share(String name, Object bean) {
		this.shared.put(name, bean);
		return this;
	}

	public Fleet with(String... properties) {
		this.properties.addAll(List.of(properties));
		return this;
	}

	public Fleet start(int size) {
		IntStream.range(0, size).forEach((i) -> add());
		return this;
	}

	public FleetNode add() {
		FleetNode node = new FleetNode(this.redis, this.redisProperties, "node-" + this.nodes.size(), this.shared,
				this.properties, this.configurations);
		this.nodes.add(node);
		return node;
	}

	public List<FleetNode> nodes() {
		return List.copyOf(this.nodes);
	}

	public List<FleetNode> running() {
		return this.nodes.stream().filter(FleetNode::isRunning).toList();
	}

	public List<FleetNode> leaders() {
		return running().stream().filter((node) -> node.leadership().isLeader()).toList();
	}

	public FleetNode awaitLeader() {
		return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> {
			List<FleetNode> leaders = leaders();
			return (leaders.size() == 1) ? leaders.get(0) : null;
		}, (node) -> node != null);
	}

	public List<FleetNode> followersOf(FleetNode leader) {
		return running().stream().filter((node) -> node != leader).toList();
	}

	@Override
	public void close() {
		this.nodes.forEach(FleetNode::close);
	}

}
