package dev.bellwether.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.bellwether.test.RedisServer;

import static org.awaitility.Awaitility.await;

/**
 * An in-JVM fleet of {@link FleetNode}s against one real redis-server.
 */
public final class Fleet implements AutoCloseable {

	private final RedisServer redis;

	private final List<FleetNode> nodes = new ArrayList<>();

	private final Map<String, Object> shared = new HashMap<>();

	private final List<String> properties = new ArrayList<>();

	private final Class<?>[] configurations;

	public Fleet(RedisServer redis, Class<?>... configurations) {
		this.redis = redis;
		this.configurations = configurations;
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
		FleetNode node = new FleetNode(this.redis, "node-" + this.nodes.size(), this.shared, this.properties,
				this.configurations);
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
