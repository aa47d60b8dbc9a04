package dev.bellwether.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor: plain Lettuce pub/sub. The publisher encodes the value with Jackson and
 * sends {@code PUBLISH}; every subscriber connection decodes it with Jackson into the
 * same type on Lettuce's event loop and records it. Nothing else: no header, no revision
 * check, no hand-off, no events.
 */
final class FloorSubject implements SyncSubject {

	static final String CHANNEL = "bench:floor";

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private final ClientResources resources = ClientResources.create();

	private final RedisClient client;

	private final StatefulRedisConnection<String, byte[]> publisher;

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<StatefulRedisPubSubConnection<String, byte[]>> subscribers = new ArrayList<>();

	private final int receivers;

	/**
	 * Connects a publisher and {@code receivers} recording subscribers, plus, when
	 * {@code publisherSubscribes}, one that only receives, as a publishing instance
	 * receives its own announcement in the other systems.
	 */
	FloorSubject(String redisUri, int receivers, boolean publisherSubscribes, Arrivals arrivals) {
		this.client = RedisClient.create(this.resources, redisUri);
		this.publisher = this.client.connect(CODEC);
		this.receivers = receivers;
		if (publisherSubscribes) {
			this.subscribers.add(subscribe(this.client, null));
		}
		for (int i = 0; i < receivers; i++) {
			this.subscribers.add(subscribe(this.client, arrivals));
		}
	}

	/**
	 * One subscriber connection that decodes each message with its own mapper and records
	 * it, or, without {@code arrivals}, only receives it.
	 */
	static StatefulRedisPubSubConnection<String, byte[]> subscribe(RedisClient client, Arrivals arrivals) {
		StatefulRedisPubSubConnection<String, byte[]> connection = client.connectPubSub(CODEC);
		if (arrivals != null) {
			JsonMapper json = JsonMapper.builder().build();
			connection.addListener(new RedisPubSubAdapter<>() {

				@Override
				public void message(String channel, byte[] message) {
					SyncPayload payload = json.readValue(message, SyncPayload.class);
					arrivals.record(payload.seq(), SyncPayload.nowMicros() - payload.sentMicros());
				}

			});
		}
		connection.sync().subscribe(CHANNEL);
		return connection;
	}

	@Override
	public String system() {
		return "Floor: Lettuce pub/sub + Jackson";
	}

	@Override
	public void publish(SyncPayload payload) {
		this.publisher.sync().publish(CHANNEL, this.json.writeValueAsBytes(payload));
	}

	@Override
	public int receivers() {
		return this.receivers;
	}

	@Override
	public void close() {
		this.subscribers.forEach(StatefulRedisPubSubConnection::close);
		this.publisher.close();
		this.client.shutdown();
		this.resources.shutdown();
	}

}
