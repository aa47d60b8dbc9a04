package dev.bellwether.memory;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bellwether.spi.MemberStore;

/**
 * A {@link MemberStore} in memory, as {@code heartbeat.lua}: each heartbeat is stamped
 * with the store's clock and counts for its ttl; a heartbeat also forgets the members
 * whose last heartbeat is older than its own ttl.
 */
final class MemoryMemberStore implements MemberStore {

	private static final Comparator<Heartbeat> ORDER = Comparator.comparingLong(Heartbeat::at)
		.thenComparing((heartbeat) -> heartbeat.member().nodeId());

	private final Memory memory;

	/** The last heartbeat of each member, guarded by {@code memory.lock}. */
	private final Map<String, Heartbeat> heartbeats = new HashMap<>();

	MemoryMemberStore(Memory memory) {
		this.memory = memory;
	}

	@Override
	public void heartbeat(Member member, Duration ttl) {
		Map<String, Long> revisions = Collections.unmodifiableMap(new LinkedHashMap<>(member.revisions()));
		synchronized (this.memory.lock) {
			long now = this.memory.now();
			Member stamped = new Member(member.nodeId(), member.role(), member.epoch(), revisions, now);
			this.heartbeats.put(member.nodeId(), new Heartbeat(stamped, now, now + ttl.toMillis()));
			this.heartbeats.values().removeIf((heartbeat) -> heartbeat.at() <= now - ttl.toMillis());
		}
	}

	@Override
	public List<Member> members() {
		synchronized (this.memory.lock) {
			long now = this.memory.now();
			return this.heartbeats.values()
				.stream()
				.filter((heartbeat) -> !this.memory.expired(heartbeat.expiresAt(), now))
				.sorted(ORDER)
				.map(Heartbeat::member)
				.toList();
		}
	}

	/** Forgets every member; called under {@code memory.lock}. */
	void clear() {
		this.heartbeats.clear();
	}

	private record Heartbeat(Member member, long at, long expiresAt) {
	}

}
