package dev.bellwether.sample.websocket.live;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.bellwether.data.Dataset;
import dev.bellwether.data.Snapshot;
import dev.bellwether.leader.Leadership;
import dev.bellwether.leader.LeadershipEvent;
import dev.bellwether.sample.websocket.market.MarketSnapshot;
import dev.bellwether.sample.websocket.market.Quote;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Pushes each new revision of the {@code market} dataset to this instance's WebSocket
 * clients the moment it lands (no polling), and the current one to a client as soon as it
 * connects. Leadership changes go out as status messages. A client gets its messages on
 * one lane, in order, and each revision once: a revision that lands while it connects
 * reaches it once, not twice.
 */
public class MarketBroadcaster extends TextWebSocketHandler
		implements ApplicationListener<LeadershipEvent>, DisposableBean {

	private static final Log logger = LogFactory.getLog(MarketBroadcaster.class);

	private static final int SEND_TIME_LIMIT_MILLIS = 5_000;

	private static final int BUFFER_SIZE_LIMIT = 1024 * 1024;

	private static final int LANES = 4;

	private final Dataset<MarketSnapshot> market;

	private final Leadership leadership;

	private final JsonMapper json;

	private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();

	/** The revision each client was last sent, by session id; only read on its lane. */
	private final Map<String, Long> sent = new ConcurrentHashMap<>();

	/**
	 * Sending lanes: each client always goes through the same single-threaded lane, so it
	 * gets its messages in order, while the lanes send to their clients in parallel.
	 */
	private final List<ExecutorService> lanes = IntStream.range(0, LANES)
		.mapToObj((lane) -> Executors.newSingleThreadExecutor(new CustomizableThreadFactory("market-broadcast-")))
		.toList();

	public MarketBroadcaster(Dataset<MarketSnapshot> market, Leadership leadership, JsonMapper json) {
		this.market = market;
		this.leadership = leadership;
		this.json = json;
		market.onUpdate((snapshot) -> broadcast(this::sendSnapshot));
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		WebSocketSession concurrent = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MILLIS,
				BUFFER_SIZE_LIMIT);
		this.sessions.add(concurrent);
		this.lanes.get(lane(concurrent)).execute(() -> sendSnapshot(concurrent));
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.sessions.removeIf((candidate) -> candidate.getId().equals(session.getId()));
		this.sent.remove(session.getId());
	}

	@Override
	public void onApplicationEvent(LeadershipEvent event) {
		TextMessage status = message("status", null);
		broadcast((session) -> send(session, status));
	}

	/**
	 * How many clients this instance serves.
	 * @return the number of open sessions
	 */
	public int clients() {
		return this.sessions.size();
	}

	/** Sends the current revision, unless this client has it already; on its lane. */
	private void sendSnapshot(WebSocketSession session) {
		Snapshot<MarketSnapshot> snapshot = this.market.snapshot().orElse(null);
		long revision = (snapshot != null) ? snapshot.revision() : 0;
		Long last = this.sent.get(session.getId());
		if (last != null && revision <= last) {
			return;
		}
		this.sent.put(session.getId(), revision);
		send(session, message("snapshot", snapshot));
	}

	private TextMessage message(String type, Snapshot<MarketSnapshot> snapshot) {
		boolean isSnapshot = type.equals("snapshot");
		Message message = new Message(type, this.leadership.nodeId(),
				this.leadership.isLeader() ? "LEADER" : "FOLLOWER", this.leadership.leaderId().orElse(null),
				this.leadership.epoch(), isSnapshot ? Long.valueOf((snapshot != null) ? snapshot.revision() : 0) : null,
				(snapshot != null) ? snapshot.store() : null,
				(snapshot != null) ? Long.valueOf(snapshot.updatedAt().toEpochMilli()) : null,
				isSnapshot ? ((snapshot != null) ? snapshot.value().quotes() : List.of()) : null);
		return new TextMessage(this.json.writeValueAsString(message));
	}

	private void broadcast(Consumer<WebSocketSession> sending) {
		for (int lane = 0; lane < LANES; lane++) {
			int current = lane;
			this.lanes.get(lane)
				.execute(() -> this.sessions.stream().filter((session) -> lane(session) == current).forEach(sending));
		}
	}

	private static int lane(WebSocketSession session) {
		return Math.floorMod(session.getId().hashCode(), LANES);
	}

	private void send(WebSocketSession session, TextMessage message) {
		try {
			session.sendMessage(message);
		}
		catch (IOException | IllegalStateException ex) {
			logger.debug("Dropped a WebSocket client that could not keep up: " + ex.getMessage());
			this.sessions.remove(session);
		}
	}

	@Override
	public void destroy() {
		this.lanes.forEach(ExecutorService::shutdownNow);
	}

	/**
	 * What a client receives: a snapshot of the market data (on connect and on every new
	 * revision) or a status (on a change of leadership), with this instance's role.
	 */
	@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
	record Message(String type, String nodeId, String role, String leaderId, long epoch, Long revision, String store,
			Long publishedAtMillis, List<Quote> quotes) {
	}

}
