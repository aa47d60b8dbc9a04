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
 * each {@code PUBLISH} on to its replicas, whose subscribers hear it too: the first
 * arrival of each announcement is recorded, so the record is the order in which Redis
 * granted leadership and accepted publications, across failovers.
 */
final class Recorder implements AutoCloseable {

	private static final String CHANNEL = "bellwether:{hedging}:events";

	private final DirectClient client = new DirectClient();

	/** The sources of each announcement heard, by its header. */
	private final Map<String, Set<Integer>> heard = new HashMap<>();

	private final History history;

	Recorder(List<Integer> redisPorts, History history) {
		this.history = history;
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
				this.history.add(new History.Announcement(now, type, token, epoch, "", "", 0, sources));
			}
			case "dataset" -> this.history.add(new History.Announcement(header.path("at").asLong(now), type, "",
					header.path("epoch").asLong(), header.path("name").asString(), header.path("store").asString(),
					header.path("rev").asLong(), sources));
			default -> {
				// jobs and caches: not checked
			}
		}
	}

	@Override
	public void close() {
		this.client.close();
	}

}
