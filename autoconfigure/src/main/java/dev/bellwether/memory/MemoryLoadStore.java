package dev.bellwether.memory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.bellwether.spi.LoadStore;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LoadStore} in memory, with the Redis backend's semantics: revisions from one
 * counter of the group that never fall below the clock in microseconds, entries and
 * tombstones that expire (checked when read), claims with a lease, and the same changes
 * announced.
 */
final class MemoryLoadStore implements LoadStore {

	private final Memory memory;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	/** The group's last revision, guarded by {@code memory.lock}. */
	private long revision;

	/** Entries and tombstones by cache and key, guarded by {@code memory.lock}. */
	private final Map<String, Map<String, Stored>> entries = new HashMap<>();

	/** Claims by cache and key, guarded by {@code memory.lock}. */
	private final Map<String, Map<String, Held>> claims = new HashMap<>();

	/** The revision of each cache's last clear, guarded by {@code memory.lock}. */
	private final Map<String, Long> cleared = new HashMap<>();

	MemoryLoadStore(Memory memory) {
		this.memory = memory;
	}

	@Override
	public Lookup lookup(String cache, String key, String claimant, Duration lease) {
		return this.memory.change(() -> {
			long now = this.memory.now();
			Stored stored = live(cache, key, now);
			if (stored != null && stored.value != null) {
				return new Found(stored.entry(cache, key, now));
			}
			Map<String, Held> held = this.claims.computeIfAbsent(cache, (name) -> new HashMap<>());
			Held claim = held.get(key);
			if (claim != null && claim.expiresAt > now) {
				held.put(key, new Held(claim.claim, claim.expiresAt, true));
				return new Loading(claim.claim.claimant());
			}
			Claim taken = new Claim(cache, key, claimant, this.revision);
			held.put(key, new Held(taken, now + lease.toMillis(), false));
			return new Claimed(taken);
		});
	}

	@Override
	public @Nullable Entry read(String cache, String key) {
		synchronized (this.memory.lock) {
			long now = this.memory.now();
			Stored stored = live(cache, key, now);
			return (stored != null) ? stored.entry(cache, key, now) : null;
		}
	}

	@Override
	public long complete(Claim claim, byte[] value, Duration timeToLive) {
		byte[] kept = value.clone();
		return this.memory.change(() -> {
			long now = this.memory.now();
			Map<String, Held> held = this.claims.getOrDefault(claim.cache(), Map.of());
			Held current = held.get(claim.key());
			boolean waited = current != null && current.waited;
			if (current != null && current.claim.equals(claim)) {
				held.remove(claim.key());
			}
			Stored stored = live(claim.cache(), claim.key(), now);
			boolean overtaken = (stored != null && stored.revision > claim.revision())
					|| this.cleared.getOrDefault(claim.cache(), 0L) > claim.revision();
			return overtaken ? 0L : write(claim.cache(), claim.key(), kept, timeToLive, now, waited);
		});
	}

	@Override
	public void abandon(Claim claim) {
		synchronized (this.memory.lock) {
			Map<String, Held> held = this.claims.getOrDefault(claim.cache(), Map.of());
			Held current = held.get(claim.key());
			if (current != null && current.claim.equals(claim)) {
				held.remove(claim.key());
			}
		}
	}

	@Override
	public long put(String cache, String key, byte[] value, Duration timeToLive) {
		byte[] kept = value.clone();
		return this.memory.change(() -> {
			Held claim = this.claims.getOrDefault(cache, new HashMap<>()).remove(key);
			return write(cache, key, kept, timeToLive, this.memory.now(), claim != null && claim.waited);
		});
	}

	@Override
	public long evict(String cache, String key, Duration timeToLive) {
		return this.memory.change(() -> {
			this.claims.getOrDefault(cache, new HashMap<>()).remove(key);
			return write(cache, key, null, timeToLive, this.memory.now(), true);
		});
	}

	@Override
	public long clear(String cache) {
		return this.memory.change(() -> {
			long revision = next();
			this.cleared.put(cache, revision);
			this.entries.remove(cache);
			this.claims.remove(cache);
			announce(new Change(cache, null, revision, true));
			return revision;
		});
	}

	@Override
	public void subscribe(Listener listener) {
		this.listeners.add(listener);
	}

	/** Forgets everything, the counter too; called under {@code memory.lock}. */
	void clear() {
		this.revision = 0;
		this.entries.clear();
		this.claims.clear();
		this.cleared.clear();
	}

	/**
	 * Writes a value or a tombstone; announces it when it is a removal, when the key held
	 * a live value, or when it was waited for.
	 */
	private long write(String cache, String key, byte @Nullable [] value, Duration timeToLive, long now,
			boolean announced) {
		Stored previous = live(cache, key, now);
		long revision = next();
		this.entries.computeIfAbsent(cache, (name) -> new HashMap<>())
			.put(key, new Stored(revision, value, now + timeToLive.toMillis()));
		if (announced || (previous != null && previous.value != null)) {
			announce(new Change(cache, key, revision, value == null));
		}
		return revision;
	}

	private long next() {
		this.revision = Math.max(this.revision + 1, this.memory.nowMicros());
		return this.revision;
	}

	private @Nullable Stored live(String cache, String key, long now) {
		Map<String, Stored> stored = this.entries.get(cache);
		if (stored == null) {
			return null;
		}
		Stored entry = stored.get(key);
		if (entry != null && this.memory.expired(entry.expiresAt, now)) {
			stored.remove(key);
			return null;
		}
		return entry;
	}

	private void announce(Change change) {
		List<Listener> listening = List.copyOf(this.listeners);
		this.memory.announce(() -> listening.forEach((listener) -> listener.changed(change)));
	}

	private record Stored(long revision, byte @Nullable [] value, long expiresAt) {

		Entry entry(String cache, String key, long now) {
			return new Entry(cache, key, this.revision, (this.value != null) ? this.value.clone() : null,
					Duration.ofMillis(Math.max(0, this.expiresAt - now)));
		}

	}

	private record Held(Claim claim, long expiresAt, boolean waited) {
	}

}
