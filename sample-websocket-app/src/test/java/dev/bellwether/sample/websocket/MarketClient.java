package dev.bellwether.sample.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket client of {@code /ws/market} that keeps every snapshot it receives, with
 * the local time of receipt.
 */
final class MarketClient implements WebSocket.Listener {

	private static final JsonMapper json = JsonMapper.shared();

	final List<Received> snapshots = new CopyOnWriteArrayList<>();

	private final StringBuilder partial = new StringBuilder();

	private final WebSocket socket;

	MarketClient(HttpClient http, String url) {
		this.socket = http.newWebSocketBuilder().buildAsync(URI.create(url), this).join();
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			long now = System.currentTimeMillis();
			JsonNode message = json.readTree(this.partial.toString());
			this.partial.setLength(0);
			if (message.path("type").asString().equals("snapshot")) {
				this.snapshots.add(new Received(message, now));
			}
		}
		webSocket.request(1);
		return null;
	}

	long lastRevision() {
		return this.snapshots.isEmpty() ? -1
				: this.snapshots.get(this.snapshots.size() - 1).message().path("revision").asLong();
	}

	void close() {
		this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
	}

	record Received(JsonNode message, long receivedAtMillis) {

		long revision() {
			return this.message.path("revision").asLong();
		}

		long latencyMillis() {
			return this.receivedAtMillis - this.message.path("publishedAtMillis").asLong();
		}

	}

}
