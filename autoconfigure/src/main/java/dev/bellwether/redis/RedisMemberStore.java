package dev.bellwether.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.bellwether.spi.MemberStore;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A {@link MemberStore} in Redis: each member's JSON under its own key with a ttl, and a
 * sorted set of members by heartbeat time (Redis clock) so that they can be listed
 * without scanning.
 */
final class RedisMemberStore implements MemberStore {

	private static final RedisScript<Long> HEARTBEAT = Scripts.load("heartbeat", Long.class);

	private final RedisCalls redis;

	private final RedisKeys keys;

	private final RedisStores.Timeouts timeouts;

	private final JsonMapper json = JsonMapper.shared();

	/**
	 * Creates a store for one group.
	 * @param redis the calls to run the scripts with
	 * @param keys the group's keys
	 * @param timeouts how long each call may take
	 */
	RedisMemberStore(RedisCalls redis, RedisKeys keys, RedisStores.Timeouts timeouts) {
		this.redis = redis;
		this.keys = keys;
		this.timeouts = timeouts;
	}

	@Override
	public void heartbeat(Member member, Duration ttl) {
		ObjectNode record = this.json.valueToTree(member);
		record.put("v", RedisFormat.VERSION);
		this.redis.call("heartbeat", this.timeouts.read(),
				(redis) -> redis
					.execute(HEARTBEAT, List.of(this.keys.members(), this.keys.member(member.nodeId())), List
						.of(member.nodeId(), this.json.writeValueAsString(record), String.valueOf(ttl.toMillis())))
					.next());
	}

	@Override
	public List<Member> members() {
		List<ZSetOperations.TypedTuple<String>> ordered = this.redis.call("members", this.timeouts.inspect(),
				(redis) -> redis.opsForZSet()
					.rangeWithScores(this.keys.members(), Range.closed(0L, -1L))
					.collectList());
		if (ordered == null || ordered.isEmpty()) {
			return List.of();
		}
		List<String> values = this.redis.call("members", this.timeouts.inspect(),
				(redis) -> redis.opsForValue()
					.multiGet(ordered.stream()
						.map((heartbeat) -> this.keys.member(Objects.requireNonNull(heartbeat.getValue())))
						.toList()));
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
			JsonNode record = this.json.readTree(value);
			if (!(record instanceof ObjectNode fields) || !RedisFormat.readable(record.path("v").asLong(1))) {
				return; // written by a newer Bellwether: left out
			}
			fields.remove("v");
			Member member = this.json.treeToValue(fields, Member.class);
			members.add(new Member(member.nodeId(), member.role(), member.epoch(), member.revisions(), heartbeatAt));
		}
		catch (JacksonException ex) {
			// not a member record of any known format: left out
		}
	}

}
