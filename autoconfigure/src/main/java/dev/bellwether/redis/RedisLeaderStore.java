package dev.bellwether.redis;

import java.time.Duration;
import java.util.List;

import dev.bellwether.spi.LeaderStore;
import dev.bellwether.spi.LeaderToken;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * A {@link LeaderStore} in Redis: the leader key with a ttl, a fencing epoch that only
 * grows, and "elected" / "released" announcements on the group's channel.
 */
final class RedisLeaderStore implements LeaderStore {

	private static final RedisScript<List> ACQUIRE = Scripts.load("acquire", List.class);

	private static final RedisScript<Long> RENEW = Scripts.load("renew", Long.class);

	private static final RedisScript<Long> RELEASE = Scripts.load("release", Long.class);

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
	RedisLeaderStore(RedisCalls redis, RedisChannel channel, RedisKeys keys, RedisStores.Timeouts timeouts) {
		this.redis = redis;
		this.channel = channel;
		this.keys = keys;
		this.timeouts = timeouts;
	}

	@Override
	public Acquisition tryAcquire(String nodeId, long minEpoch, Duration ttl) {
		List<?> reply = RedisCalls.reply(
				this.redis
					.call("acquire", this.timeouts.acquire(),
							(redis) -> redis
								.execute(ACQUIRE, List.of(this.keys.leader(), this.keys.epoch()),
										List.of(nodeId, String.valueOf(ttl.toMillis()), String.valueOf(minEpoch),
												this.keys.channel(), this.channel.returnAnnouncement()))
								.collectList()));
		boolean acquired = ((Number) reply.get(0)).longValue() == 1;
		if (acquired && reply.size() > 3) {
			this.channel.announce((String) reply.get(3));
		}
		LeaderToken leader = LeaderToken.parse((String) reply.get(1));
		return new Acquisition(acquired, leader, Duration.ofMillis(((Number) reply.get(2)).longValue()));
	}

	@Override
	public boolean renew(LeaderToken token, Duration ttl) {
		Long renewed = this.redis.call("renew", this.timeouts.renew(),
				(redis) -> redis
					.execute(RENEW, List.of(this.keys.leader()),
							List.of(token.toString(), String.valueOf(ttl.toMillis())))
					.next());
		return renewed != null && renewed == 1;
	}

	@Override
	public boolean release(LeaderToken token) {
		List<byte[]> args = List.of(Scripts.bytes(token.toString()), Scripts.bytes(this.keys.channel()),
				this.channel.sign(new Announcement.Released(token).encode()));
		Long released = this.redis.call("release", this.timeouts.release(),
				(redis) -> redis
					.execute(RELEASE, List.of(this.keys.leader()), args, Scripts.BYTE_ARGS,
							Scripts.<Long>stringReplies())
					.next());
		return released != null && released == 1;
	}

	@Override
	public void subscribe(Listener listener) {
		this.channel.subscribe(listener);
	}

}
