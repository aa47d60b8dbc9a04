package dev.bellwether.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bellwether.data.CacheStore;
import dev.bellwether.leader.LeaderToken;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * A {@link CacheStore} in Redis: one hash per cache, each field an encoded key holding
 * {@code <revision>\n<value>}, written by a fenced script that announces every change.
 */
final class RedisCacheStore implements CacheStore {

	private static final RedisScript<Long> WRITE = Scripts.load("cache-put", Long.class);

	private static final RedisScript<List> WRITE_AND_RETURN = Scripts.load("cache-put", List.class);

	private final StringRedisTemplate redis;

	private final RedisChannel channel;

	private final RedisKeys keys;

	/**
	 * Creates a store for one group.
	 * @param redis the template to run the scripts with
	 * @param channel the group's channel
	 * @param keys the group's keys
	 */
	RedisCacheStore(StringRedisTemplate redis, RedisChannel channel, RedisKeys keys) {
		this.redis = redis;
		this.channel = channel;
		this.keys = keys;
	}

	@Override
	@SuppressWarnings("unchecked")
	public long write(LeaderToken token, String cache, String key, byte @Nullable [] value) {
		RedisScript<?> script = this.channel.signs() ? WRITE_AND_RETURN : WRITE;
		Object reply = this.redis.execute((RedisScript<Object>) script, RedisSerializer.byteArray(),
				Scripts.STRING_REPLIES, List.of(this.keys.leader(), this.keys.cache(cache)),
				Scripts.bytes(token.toString()), Scripts.bytes(key), (value != null) ? value : new byte[0],
				Scripts.bytes(this.keys.channel()), Scripts.bytes(cache),
				Scripts.bytes(this.channel.returnAnnouncement()));
		if (reply instanceof List<?> announced) {
			this.channel.announce((String) announced.get(1));
			return ((Number) announced.get(0)).longValue();
		}
		return (reply instanceof Number revision) ? revision.longValue() : 0;
	}

	@Override
	public @Nullable Entry read(String cache, String key) {
		byte[] stored = this.redis.execute((RedisCallback<byte[]>) (connection) -> connection.hashCommands()
			.hGet(Scripts.bytes(this.keys.cache(cache)), Scripts.bytes(key)));
		if (stored == null) {
			return null;
		}
		int newline = 0;
		while (newline < stored.length && stored[newline] != '\n') {
			newline++;
		}
		long revision = Long.parseLong(new String(stored, 0, newline, StandardCharsets.US_ASCII));
		return new Entry(cache, key, revision, Arrays.copyOfRange(stored, newline + 1, stored.length));
	}

	@Override
	public void subscribe(Listener listener) {
		this.channel.subscribe(listener);
	}

}
