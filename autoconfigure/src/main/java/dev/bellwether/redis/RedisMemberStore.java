package dev.bellwether.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.bellwether.data.MemberStore;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A {@link MemberStore} in Redis: each member's JSON under its own key with a ttl, and a
 * sorted set of members by heartbeat time (Redis clock) so that they can be listed
 * without scanning.
 */
final class RedisMemberStore implements MemberStore {

	private static final RedisScript<Long> HEARTBEAT = Scripts.load("heartbeat", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final JsonMapper json = JsonMapper.shared();

	/**
	 * Creates a store for one group.
	 * @param redis the template to run the scripts with
	 * @param keys the group's keys
	 */
	RedisMemberStore(StringRedisTemplate redis, RedisKeys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	@Override
	public void heartbeat(Member member, Duration ttl) {
		this.redis.execute(HEARTBEAT, List.of(this.keys.members(), this.keys.member(member.nodeId())), member.nodeId(),
				this.json.writeValueAsString(member), String.valueOf(ttl.toMillis()));
	}

	@Override
	public List<Member> members() {
		Set<ZSetOperations.TypedTuple<String>> heartbeats = this.redis.opsForZSet()
			.rangeWithScores(this.keys.members(), 0, -1);
		if (heartbeats == null || heartbeats.isEmpty()) {
			return List.of();
		}
		List<ZSetOperations.TypedTuple<String>> ordered = List.copyOf(heartbeats);
		List<String> values = this.redis.opsForValue()
			.multiGet(ordered.stream()
				.map((heartbeat) -> this.keys.member(Objects.requireNonNull(heartbeat.getValue())))
				.toList());
		List<Member> members = new ArrayList<>();
		for (int i = 0; i < ordered.size(); i++) {
			String value = (values != null) ? values.get(i) : null;
			Double score = ordered.get(i).getScore();
			if (value != null) {
				read(value, (score != null) ? score.longValue() : 0, members);
			}
		}
		return members;
	}

	private void read(String value, long heartbeatAt, List<Member> members) {
		try {
			Member member = this.json.readValue(value, Member.class);
			members.add(new Member(member.nodeId(), member.role(), member.epoch(), member.revisions(), heartbeatAt));
		}
		catch (JacksonException ex) {
			// written by another version of Bellwether: left out
		}
	}

}
