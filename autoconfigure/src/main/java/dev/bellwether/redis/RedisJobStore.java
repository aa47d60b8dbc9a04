package dev.bellwether.redis;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bellwether.spi.JobStore;
import dev.bellwether.spi.LeaderToken;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * A {@link JobStore} in Redis: one hash per job, its run records written only by the
 * current leader and stamped with Redis {@code TIME}; its control fields ({@code paused},
 * {@code runRequested}) written by any instance and announced on the group's channel.
 */
final class RedisJobStore implements JobStore {

	private static final RedisScript<List> STATE = Scripts.load("job-state", List.class);

	private static final RedisScript<List> START = Scripts.load("job-start", List.class);

	private static final RedisScript<Long> FINISH = Scripts.load("job-finish", Long.class);

	private static final RedisScript<List> CONTROL = Scripts.load("job-control", List.class);

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
	RedisJobStore(RedisCalls redis, RedisChannel channel, RedisKeys keys, RedisStores.Timeouts timeouts) {
		this.redis = redis;
		this.channel = channel;
		this.keys = keys;
		this.timeouts = timeouts;
	}

	@Override
	public State read(String name) {
		List<?> reply = RedisCalls.reply(this.redis.call("job state", this.timeouts.read(),
				(redis) -> redis.execute(STATE, List.of(this.keys.job(name)), List.of()).collectList()));
		long version = number(reply.get(9));
		if (!RedisFormat.readable(version)) {
			// No schedule can be planned from a record this instance cannot read
			throw new IllegalStateException(RedisFormat.newer("the record of job '" + name + "'", version));
		}
		return new State(number(reply.get(0)), number(reply.get(1)), number(reply.get(2)), number(reply.get(3)),
				text(reply.get(4)), text(reply.get(5)), number(reply.get(6)), number(reply.get(7)) == 1,
				number(reply.get(8)));
	}

	@Override
	public Start start(LeaderToken token, String name, boolean unlessPaused) {
		List<?> reply = RedisCalls
			.reply(this.redis.call("job start", this.timeouts.write(), (redis) -> redis
				.execute(START, List.of(this.keys.leader(), this.keys.job(name)),
						List.of(token.toString(), token.nodeId(), String.valueOf(token.epoch()),
								unlessPaused ? "1" : "0", name, this.keys.channel(), this.channel.returnAnnouncement()))
				.collectList()));
		announceIfReturned(reply);
		long start = number(reply.get(0));
		return (start > 0) ? new Started(start) : (start == 0) ? new Fenced() : new Paused();
	}

	@Override
	public void finish(LeaderToken token, String name, @Nullable String error) {
		this.redis.call("job finish", this.timeouts.write(),
				(redis) -> redis
					.execute(FINISH, List.of(this.keys.leader(), this.keys.job(name)),
							List.of(token.toString(), (error != null) ? error : ""))
					.next());
	}

	@Override
	public long requestRun(String name) {
		return control(name, "run");
	}

	@Override
	public void pause(String name, boolean paused) {
		control(name, paused ? "pause" : "resume");
	}

	@Override
	public void subscribe(Listener listener) {
		this.channel.subscribe(listener);
	}

	private long control(String name, String action) {
		List<?> reply = RedisCalls.reply(this.redis.call("job " + action, this.timeouts.write(),
				(redis) -> redis
					.execute(CONTROL, List.of(this.keys.job(name)),
							List.of(name, action, this.keys.channel(), this.channel.returnAnnouncement()))
					.collectList()));
		announceIfReturned(reply);
		return number(reply.get(0));
	}

	/**
	 * Signs and publishes the announcement a script returned instead of publishing it.
	 */
	private void announceIfReturned(List<?> reply) {
		if (reply.size() > 1) {
			this.channel.announce((String) reply.get(1));
		}
	}

	private static long number(Object value) {
		return ((Number) value).longValue();
	}

	private static @Nullable String text(Object value) {
		String text = (String) value;
		return text.isEmpty() ? null : text;
	}

}
