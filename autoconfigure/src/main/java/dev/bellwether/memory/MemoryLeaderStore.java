package dev.bellwether.memory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import dev.bellwether.spi.LeaderStore;
import dev.bellwether.spi.LeaderToken;

/**
 * A {@link LeaderStore} in memory, as {@code acquire.lua}, {@code renew.lua} and
 * {@code release.lua}: a leadership that expires, and an epoch that only grows, even
 * across {@link InMemoryStores#clear()}: one above the last, and at least the store's
 * clock in microseconds.
 */
final class MemoryLeaderStore implements LeaderStore {

	private final Memory memory;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	/** The leader key, guarded by {@code memory.lock}. */
	private @Nullable LeaderToken leader;

	/** When the leader key expires, guarded by {@code memory.lock}. */
	private long expiresAt;

	/** The epoch counter, guarded by {@code memory.lock}. */
	private long epoch;

	MemoryLeaderStore(Memory memory) {
		this.memory = memory;
	}

	@Override
	public Acquisition tryAcquire(String nodeId, long minEpoch, Duration ttl) {
		return this.memory.change(() -> {
			long now = this.memory.now();
			LeaderToken current = current(now);
			if (current != null) {
				return new Acquisition(false, current, Duration.ofMillis(this.expiresAt - now));
			}
			this.epoch = Math.max(Math.max(this.epoch + 1, this.memory.nowMicros()), minEpoch + 1);
			LeaderToken token = new LeaderToken(nodeId, this.epoch);
			this.leader = token;
			this.expiresAt = now + ttl.toMillis();
			List<Listener> listening = List.copyOf(this.listeners);
			this.memory.announce(() -> listening.forEach((listener) -> listener.elected(token)));
			return new Acquisition(true, token, ttl);
		});
	}

	@Override
	public boolean renew(LeaderToken token, Duration ttl) {
		return this.memory.change(() -> {
			long now = this.memory.now();
			if (!holds(token, now)) {
				return false;
			}
			this.expiresAt = now + ttl.toMillis();
			return true;
		});
	}

	@Override
	public boolean release(LeaderToken token) {
		return this.memory.change(() -> {
			if (!holds(token, this.memory.now())) {
				return false;
			}
			this.leader = null;
			List<Listener> listening = List.copyOf(this.listeners);
			this.memory.announce(() -> listening.forEach((listener) -> listener.released(token)));
			return true;
		});
	}

	@Override
	public void subscribe(Listener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Whether the token holds leadership now; called under {@code memory.lock}.
	 */
	boolean holds(LeaderToken token, long now) {
		return token.equals(current(now));
	}

	/** Forgets the leader and the epoch; called under {@code memory.lock}. */
	void clear() {
		this.leader = null;
		this.epoch = 0;
	}

	private @Nullable LeaderToken current(long now) {
		if (this.leader != null && this.memory.expired(this.expiresAt, now)) {
			this.leader = null;
		}
		return this.leader;
	}

}
