package dev.bellwether.memory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import dev.bellwether.spi.CacheStore;
import dev.bellwether.spi.LeaderToken;

/**
 * A {@link CacheStore} in memory, as {@code cache-put.lua}: fenced writes, a revision per
 * cache raised by every write and removal, and every change announced.
 */
final class MemoryCacheStore implements CacheStore {

	private final Memory memory;

	private final MemoryLeaderStore leader;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	/** Each cache's last revision, guarded by {@code memory.lock}. */
	private final Map<String, Long> revisions = new HashMap<>();

	/** Each cache's entries by key, guarded by {@code memory.lock}. */
	private final Map<String, Map<String, Entry>> caches = new HashMap<>();

	MemoryCacheStore(Memory memory, MemoryLeaderStore leader) {
		this.memory = memory;
		this.leader = leader;
	}

	@Override
	public long write(LeaderToken token, String cache, String key, byte @Nullable [] value) {
		byte[] kept = (value != null && value.length > 0) ? value.clone() : null;
		return this.memory.change(() -> {
			if (!this.leader.holds(token, this.memory.now())) {
				return 0L;
			}
			long revision = this.revisions.merge(cache, 1L, Long::sum);
			Entry entry = new Entry(cache, key, revision, kept);
			Map<String, Entry> entries = this.caches.computeIfAbsent(cache, (name) -> new HashMap<>());
			if (kept != null) {
				entries.put(key, entry);
			}
			else {
				entries.remove(key);
			}
			List<Listener> listening = List.copyOf(this.listeners);
			this.memory.announce(() -> listening.forEach((listener) -> listener.changed(copy(entry))));
			return revision;
		});
	}

	@Override
	public @Nullable Entry read(String cache, String key) {
		synchronized (this.memory.lock) {
			Entry entry = this.caches.getOrDefault(cache, Map.of()).get(key);
			return (entry != null) ? copy(entry) : null;
		}
	}

	@Override
	public void subscribe(Listener listener) {
		this.listeners.add(listener);
	}

	/** Forgets every cache; called under {@code memory.lock}. */
	void clear() {
		this.revisions.clear();
		this.caches.clear();
	}

	private static Entry copy(Entry entry) {
		byte[] value = entry.value();
		return new Entry(entry.cache(), entry.key(), entry.revision(), (value != null) ? value.clone() : null);
	}

}
