package dev.bellwether.redis;

import java.time.Duration;
import java.util.List;

import dev.bellwether.spi.LoadStore;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * A {@link LoadStore} in Redis: per key an entry hash and a claim with a lease, per cache
 * the revision of its last clear, and one revision counter for the group, all written by
 * scripts ({@code load-*.lua}) that announce, without its value, every change that
 * another instance may need to hear.
 * <p>
 * These calls sit on the application's request path, so each is bounded short, by the
 * release bound (at most 1 s): a call that fails or times out leaves the instance to load
 * for itself.
 */
final class RedisLoadStore implements LoadStore {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> LOOKUP = Scripts.load("load-lookup", List.class);

	private static final RedisScript<Long> WRITE = Scripts.load("load-write", Long.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> WRITE_AND_RETURN = Scripts.load("load-write", List.class);

	private static final RedisScript<Long> CLEAR = Scripts.load("load-clear", Long.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> CLEAR_AND_RETURN = Scripts.load("load-clear", List.class);

	private static final RedisScript<Long> ABANDON = Scripts.load("load-abandon", Long.class);

	private final RedisCalls redis;

	private final RedisChannel channel;

	private final RedisKeys keys;

	private final RedisStores.Timeouts timeouts;

	RedisLoadStore(RedisCalls redis, RedisChannel channel, RedisKeys keys, RedisStores.Timeouts timeouts) {
		this.redis = redis;
		this.channel = channel;
		this.keys = keys;
		this.timeouts = timeouts;
	}

	@Override
	public Lookup lookup(String cache, String key, String claimant, Duration lease) {
		List<?> reply = look(cache, key, claimant, lease);
		String kind = (String) reply.get(0);
		return switch (kind) {
			case "found" -> new Found(entry(cache, key, reply));
			case "loading" -> new Loading((String) reply.get(1));
			case "claimed" -> new Claimed(new Claim(cache, key, claimant, Long.parseLong((String) reply.get(1))));
			default -> throw new IllegalStateException("load-lookup answered '" + kind + "'");
		};
	}

	@Override
	public @Nullable Entry read(String cache, String key) {
		List<?> reply = look(cache, key, "", Duration.ofMillis(1));
		String kind = (String) reply.get(0);
		return kind.equals("found") || kind.equals("removed") ? entry(cache, key, reply) : null;
	}

	@Override
	public long complete(Claim claim, byte[] value, Duration timeToLive) {
		return write("complete", claim.cache(), claim.key(), claimValue(claim), value, timeToLive);
	}

	@Override
	public void abandon(Claim claim) {
		this.redis.call("load abandon", this.timeouts.release(),
				(redis) -> redis
					.execute(ABANDON, List.of(this.keys.loadClaim(claim.cache(), claim.key())),
							List.of(claimValue(claim)))
					.next());
	}

	@Override
	public long put(String cache, String key, byte[] value, Duration timeToLive) {
		return write("put", cache, key, "", value, timeToLive);
	}

	@Override
	public long evict(String cache, String key, Duration timeToLive) {
		return write("evict", cache, key, "", new byte[0], timeToLive);
	}

	@Override
	public long clear(String cache) {
		List<byte[]> args = List.of(Scripts.bytes(this.keys.channel()), Scripts.bytes(cache),
				Scripts.bytes(this.channel.returnAnnouncement()));
		RedisScript<?> script = this.channel.signs() ? CLEAR_AND_RETURN : CLEAR;
		return announced("load clear", script, List.of(this.keys.loadCleared(cache), this.keys.loadRevision()), args);
	}

	@Override
	public void subscribe(Listener listener) {
		this.channel.subscribe(listener);
	}

	private List<?> look(String cache, String key, String claimant, Duration lease) {
		List<?> emitted = this.redis
			.call("load lookup", this.timeouts.release(),
					(redis) -> redis.execute(LOOKUP, keys(cache, key),
							List.of(Scripts.bytes(claimant), Scripts.bytes(Long.toString(lease.toMillis()))),
							Scripts.BYTE_ARGS, Scripts.stringReplies())
						.collectList());
		return RedisCalls.reply(emitted);
	}

	private long write(String mode, String cache, String key, String claim, byte[] value, Duration timeToLive) {
		List<byte[]> args = List.of(Scripts.bytes(mode), Scripts.bytes(claim), value,
				Scripts.bytes(Long.toString(timeToLive.toMillis())), Scripts.bytes(this.keys.channel()),
				Scripts.bytes(cache), Scripts.bytes(key), Scripts.bytes(this.channel.returnAnnouncement()));
		RedisScript<?> script = this.channel.signs() ? WRITE_AND_RETURN : WRITE;
		return announced("load " + mode, script, keys(cache, key), args);
	}

	/** Runs a writing script, publishing the announcement it returns when it signs. */
	private long announced(String operation, RedisScript<?> script, List<String> keys, List<byte[]> args) {
		List<?> emitted = this.redis.call(operation, this.timeouts.release(),
				(redis) -> redis.execute(script, keys, args, Scripts.BYTE_ARGS, Scripts.stringReplies()).collectList());
		List<?> reply = RedisCalls.reply(emitted);
		if (reply.size() > 1) {
			this.channel.announce((String) reply.get(1));
		}
		return ((Number) reply.get(0)).longValue();
	}

	private List<String> keys(String cache, String key) {
		return List.of(this.keys.loadEntry(cache, key), this.keys.loadClaim(cache, key), this.keys.loadCleared(cache),
				this.keys.loadRevision());
	}

	/**
	 * An entry from {@code {kind, rev, format, ms to live[, value]}}; a newer format
	 * reads as empty.
	 */
	private static Entry entry(String cache, String key, List<?> reply) {
		long revision = Long.parseLong((String) reply.get(1));
		long format = Long.parseLong((String) reply.get(2));
		Duration expiresIn = Duration.ofMillis(Math.max(0, Long.parseLong((String) reply.get(3))));
		if (!RedisFormat.readable(format)) {
			RedisFormat.skipped("the entry of '" + key + "' in the cache '" + cache + "'", format);
			return new Entry(cache, key, revision, null, expiresIn);
		}
		byte[] value = (reply.size() > 4) ? Scripts.bytes((String) reply.get(4)) : null;
		return new Entry(cache, key, revision, value, expiresIn);
	}

	private static String claimValue(Claim claim) {
		return claim.claimant() + "\n" + claim.revision();
	}

}
