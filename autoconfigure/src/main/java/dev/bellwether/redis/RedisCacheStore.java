package dev.bellwether.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bellwether.spi.CacheStore;
import dev.bellwether.spi.LeaderToken;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * A {@link CacheStore} in Redis: one hash per cache, each field an encoded key holding
 * {@code <revision>\n<value>}, written by a fenced script that announces every change.
 */
final class RedisCacheStore implements CacheStore {

	private static final RedisScript<Long> WRITE = Scripts.load("cache-put", Long.class);

	/**
	 * The same script, read as the list it returns when it leaves the announcement to
	 * sign.
	 */
	private static final RedisScript<List> WRITE_AND_RETURN = Scripts.load("cache-put", List.class);

	/**
	 * The field of a cache's hash that holds its format; cache keys are JSON, never this.
	 */
	private static final ByteBuffer VERSION = Scripts.buffer("v");

	private final RedisCalls redis;

	private final RedisChannel channel;

	private final RedisKeys keys;

	private final RedisStores.Timeouts timeouts;

	/**
	 * Creates a store for one group.
	 * @param redis the calls to run the scripts with
	 * @param channel the group's channel
	 * @param keys the group's keys
	 * @param timeouts how long each call may take
	 */
	RedisCacheStore(RedisCalls redis, RedisChannel channel, RedisKeys keys, RedisStores.Timeouts timeouts) {
		this.redis = redis;
		this.channel = channel;
		this.keys = keys;
		this.timeouts = timeouts;
	}

	@Override
	public long write(LeaderToken token, String cache, String key, byte @Nullable [] value) {
		List<byte[]> args = List.of(Scripts.bytes(token.toString()), Scripts.bytes(key),
				(value != null) ? value : new byte[0], Scripts.bytes(this.keys.channel()), Scripts.bytes(cache),
				Scripts.bytes(this.channel.returnAnnouncement()));
		RedisScript<?> script = this.channel.signs() ? WRITE_AND_RETURN : WRITE;
		List<?> emitted = this.redis.call("cache write", this.timeouts.write(),
				(redis) -> redis
					.execute(script, List.of(this.keys.leader(), this.keys.cache(cache)), args, Scripts.BYTE_ARGS,
							Scripts.stringReplies())
					.collectList());
		if (emitted == null || emitted.isEmpty()) {
			return 0;
		}
		List<?> reply = RedisCalls.reply(emitted);
		if (reply.size() > 1) {
			this.channel.announce((String) reply.get(1));
		}
		return ((Number) reply.get(0)).longValue();
	}

	@Override
	public @Nullable Entry read(String cache, String key) {
		List<ByteBuffer> read = this.redis.call("cache read", this.timeouts.read(),
				(redis) -> redis
					.execute((connection) -> connection.hashCommands()
						.hMGet(Scripts.buffer(this.keys.cache(cache)), List.of(Scripts.buffer(key), VERSION)))
					.next());
		if (read == null || read.isEmpty() || read.get(0) == null) {
			return null;
		}
		long version = (read.size() > 1 && read.get(1) != null)
				? Long.parseLong(StandardCharsets.US_ASCII.decode(read.get(1).duplicate()).toString()) : 1;
		if (!RedisFormat.readable(version)) {
			RedisFormat.skipped("the record of cache '" + cache + "'", version);
			return null;
		}
		byte[] stored = Scripts.bytes(read.get(0));
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
