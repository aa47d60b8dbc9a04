package dev.bellwether.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import dev.bellwether.data.DatasetStore;
import dev.bellwether.leader.LeaderToken;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * A {@link DatasetStore} in Redis: one hash per dataset ({@code rev}, {@code epoch},
 * {@code at}, {@code payload}, {@code encoding}), a store generation id, and a fenced
 * publish script that writes and announces a revision at once.
 */
final class RedisDatasetStore implements DatasetStore {

	private static final RedisScript<List> PUBLISH = Scripts.load("publish", List.class);

	private static final RedisScript<List> STATE = Scripts.load("state", List.class);

	private static final byte[][] FIELDS = { Scripts.bytes("rev"), Scripts.bytes("epoch"), Scripts.bytes("at"),
			Scripts.bytes("payload") };

	private final StringRedisTemplate redis;

	private final RedisChannel channel;

	private final RedisKeys keys;

	private final RedisStores.Settings settings;

	/**
	 * Creates a store for one group.
	 * @param redis the template to run the scripts with
	 * @param channel the group's channel
	 * @param keys the group's keys
	 * @param settings how to store and announce payloads
	 */
	RedisDatasetStore(StringRedisTemplate redis, RedisChannel channel, RedisKeys keys, RedisStores.Settings settings) {
		this.redis = redis;
		this.channel = channel;
		this.keys = keys;
		this.settings = settings;
	}

	@Override
	public @Nullable Entry publish(LeaderToken token, String name, byte[] payload, long minRevision) {
		String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
		Duration ttl = this.settings.ttl();
		List<?> reply = this.redis.execute(PUBLISH, RedisSerializer.byteArray(), Scripts.STRING_REPLIES,
				List.of(this.keys.leader(), this.keys.store(), this.keys.dataset(name)),
				Scripts.bytes(token.toString()), Scripts.bytes(String.valueOf(token.epoch())), Scripts.bytes(name),
				payload, Scripts.bytes(String.valueOf(minRevision)),
				Scripts.bytes(String.valueOf(this.settings.inlinePayloadLimit())),
				Scripts.bytes(String.valueOf((ttl != null) ? ttl.toMillis() : 0)), Scripts.bytes(this.keys.channel()),
				Scripts.bytes(suffix), Scripts.bytes(this.channel.returnAnnouncement()));
		if (reply == null || ((Number) reply.get(0)).longValue() != 1) {
			return null;
		}
		if (reply.size() > 4) {
			this.channel.announce((String) reply.get(4));
		}
		return new Entry(name, (String) reply.get(1), ((Number) reply.get(2)).longValue(), token.epoch(),
				((Number) reply.get(3)).longValue(), payload);
	}

	@Override
	public @Nullable Entry read(String name) {
		byte[] key = Scripts.bytes(this.keys.dataset(name));
		List<byte[]> values = this.redis
			.execute((RedisCallback<List<byte[]>>) (connection) -> hashFields(connection, key));
		String store = this.redis.opsForValue().get(this.keys.store());
		if (values == null || store == null || values.get(0) == null || values.get(3) == null) {
			return null;
		}
		return new Entry(name, store, number(values.get(0)), number(values.get(1)), number(values.get(2)),
				values.get(3));
	}

	@Override
	public State state(List<String> names) {
		List<String> keys = new ArrayList<>();
		keys.add(this.keys.store());
		names.forEach((name) -> keys.add(this.keys.dataset(name)));
		List<?> reply = this.redis.execute(STATE, keys);
		Map<String, Long> revisions = new LinkedHashMap<>();
		for (int i = 0; i < names.size(); i++) {
			revisions.put(names.get(i), ((Number) reply.get(i + 1)).longValue());
		}
		String store = (String) reply.get(0);
		return new State(store.isEmpty() ? null : store, revisions);
	}

	@Override
	public void subscribe(Listener listener) {
		this.channel.subscribe(listener);
	}

	private static List<byte[]> hashFields(RedisConnection connection, byte[] key) {
		return connection.hashCommands().hMGet(key, FIELDS);
	}

	private static long number(byte @Nullable [] value) {
		return (value != null) ? Long.parseLong(new String(value, StandardCharsets.US_ASCII)) : 0;
	}

}
