package dev.bellwether.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.bellwether.leader.LeaderStore;
import dev.bellwether.leader.LeaderToken;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * A {@link LeaderStore} in Redis: the leader key with a ttl, a fencing epoch that only
 * grows, and "elected" / "released" announcements on the group's channel.
 */
final class RedisLeaderStore implements LeaderStore {

	private static final RedisScript<List> ACQUIRE = Scripts.load("acquire", List.class);

	private static final RedisScript<Long> RENEW = Scripts.load("renew", Long.class);

	private static final RedisScript<Long> RELEASE = Scripts.load("release", Long.class);

	private final StringRedisTemplate redis;

	private final RedisChannel channel;

	private final RedisKeys keys;

	/**
	 * Creates a store for one group.
	 * @param redis the template to run the scripts with
	 * @param channel the group's channel
	 * @param keys the group's keys
	 */
	RedisLeaderStore(StringRedisTemplate redis, RedisChannel channel, RedisKeys keys) {
		this.redis = redis;
		this.channel = channel;
		this.keys = keys;
	}

	@Override
	public Acquisition tryAcquire(String nodeId, long minEpoch, Duration ttl) {
		List<?> reply = this.redis.execute(ACQUIRE, List.of(this.keys.leader(), this.keys.epoch()), nodeId,
				String.valueOf(ttl.toMillis()), String.valueOf(minEpoch), this.keys.channel(),
				this.channel.returnAnnouncement());
		boolean acquired = ((Number) reply.get(0)).longValue() == 1;
		if (acquired && reply.size() > 3) {
			this.channel.announce((String) reply.get(3));
		}
		LeaderToken leader = LeaderToken.parse((String) reply.get(1));
		return new Acquisition(acquired, leader, Duration.ofMillis(((Number) reply.get(2)).longValue()));
	}

	@Override
	public boolean renew(LeaderToken token, Duration ttl) {
		Long renewed = this.redis.execute(RENEW, List.of(this.keys.leader()), token.toString(),
				String.valueOf(ttl.toMillis()));
		return renewed != null && renewed == 1;
	}

	@Override
	public boolean release(LeaderToken token) {
		List<byte[]> args = new ArrayList<>(
				List.of(Scripts.bytes(token.toString()), Scripts.bytes(this.keys.channel())));
		if (this.channel.signs()) {
			args.add(this.channel.sign("{\"type\":\"released\",\"leader\":\"" + token + "\"}"));
		}
		Long released = this.redis.execute(RELEASE, RedisSerializer.byteArray(), Scripts.STRING_REPLIES,
				List.of(this.keys.leader()), args.toArray());
		return released != null && released == 1;
	}

	@Override
	public void subscribe(Listener listener) {
		this.channel.subscribe(listener);
	}

}
