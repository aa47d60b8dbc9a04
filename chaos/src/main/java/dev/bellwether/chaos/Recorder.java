package dev.bellwether.chaos;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every announcement the library's scripts publish, on subscriptions that go
 * straight to every redis-server that holds data (never through an instance's proxy) and
 * resubscribe within a tenth of a second after a restart. Redis runs a script and its
 * {@code PUBLISH} as one, delivers to a subscriber in the order it ran them, and passes
 * each {@code PUBLISH} on to its replicas (a Redis Cluster, to every node over its bus),
 * whose subscribers hear it too: the first arrival of each announcement is recorded, so
 * the record is the order in which Redis granted leadership and accepted publications,
 * across failovers. With each go the nodes it was heard from and, on a Cluster, where
 * every node hears every announcement, the node that ran it, as a {@link ScriptMonitor}
 * tells.
 */
final class Recorder implements AutoCloseable {

	private static final String CHANNEL = "bellwether:{hedging}:events";

	private final DirectClient client = new DirectClient();

	/** The sources of each announcement heard, by its header. */
	private final Map<String, Set<Integer>> heard = new HashMap<>();

	/** The nodes that ran each announcement's script, by its header. */
	private final Map<String, Set<Integer>> ranOn = new HashMap<>();

	private final ScriptMonitor monitor;

	private final History history;

	/**
	 * Subscribes to every node.
	 * @param redisPorts the ports of the nodes that hold data
	 * @param monitorScripts whether to tell which node ran each announcement's script
	 * @param history where announcements go
	 */
	Recorder(List<Integer> redisPorts, boolean monitorScripts, History history) {
		this.history = history;
		this.monitor = monitorScripts ? new ScriptMonitor(redisPorts, CHANNEL, this::ran) : null;
		for (int port : redisPorts) {
			StatefulRedisPubSubConnection<String, String> connection = this.client.connectPubSub(port);
			connection.addListener(new RedisPubSubAdapter<>() {
				@Override
				public void message(String channel, String message) {
					record(message, port);
				}
			});
			connection.sync().subscribe(CHANNEL);
		}
	}

	private synchronized void ran(String header, int node) {
		nodesThatRan(header).add(node);
	}

	private Set<Integer> nodesThatRan(String header) {
		return this.ranOn.computeIfAbsent(header, (first) -> ConcurrentHashMap.newKeySet());
	}

	private synchronized void record(String message, int source) {
		long now = System.currentTimeMillis();
		int newline = message.indexOf('\n');
		String headerLine = (newline >= 0) ? message.substring(0, newline) : message;
		Set<Integer> sources = this.heard.get(headerLine);
		if (sources != null) {
			sources.add(source);
			return;
		}
		sources = ConcurrentHashMap.newKeySet();
		sources.add(source);
		this.heard.put(headerLine, sources);
		JsonNode header = JsonMapper.shared().readTree(headerLine);
		String type = header.path("type").asString("");
		switch (type) {
			case "elected", "released" -> {
				String token = header.path("leader").asString("");
				long epoch = Long.parseLong(token.substring(token.lastIndexOf('#') + 1));
				this.history.add(new History.Announcement(now, type, token, epoch, "", "", 0, nodesThatRan(headerLine),
						sources));
			}
			case "dataset" -> this.history.add(new History.Announcement(header.path("at").asLong(now), type, "",
					header.path("epoch").asLong(), header.path("name").asString(), header.path("store").asString(),
					header.path("rev").asLong(), nodesThatRan(headerLine), sources));
			default -> {
				// jobs and caches: not checked
			}
		}
	}

	@Override
	public void close() {
		if (this.monitor != null) {
			this.monitor.close();
		}
		this.client.close();
	}

}
