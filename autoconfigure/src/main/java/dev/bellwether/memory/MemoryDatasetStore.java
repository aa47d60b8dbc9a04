package dev.bellwether.memory;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import dev.bellwether.spi.DatasetStore;
import dev.bellwether.spi.LeaderToken;

/**
 * A {@link DatasetStore} in memory, as {@code publish.lua} and {@code state.lua}: fenced
 * publications, revisions raised above the publisher's, a store generation that begins
 * with its creation time, and every payload announced inline.
 */
final class MemoryDatasetStore implements DatasetStore {

	private final Memory memory;

	private final MemoryLeaderStore leader;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	/** The store generation, guarded by {@code memory.lock}. */
	private @Nullable String store;

	/** The latest revision of each dataset, guarded by {@code memory.lock}. */
	private final Map<String, Entry> datasets = new HashMap<>();

	MemoryDatasetStore(Memory memory, MemoryLeaderStore leader) {
		this.memory = memory;
		this.leader = leader;
	}

	@Override
	public @Nullable Entry publish(LeaderToken token, String name, byte[] payload, long minRevision) {
		byte[] kept = payload.clone();
		return this.memory.change(() -> {
			long now = this.memory.now();
			if (!this.leader.holds(token, now)) {
				return null;
			}
			String generation = this.store;
			if (generation == null) {
				generation = now + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
				this.store = generation;
			}
			Entry previous = this.datasets.get(name);
			long revision = Math.max(((previous != null) ? previous.revision() : 0) + 1, minRevision + 1);
			Entry entry = new Entry(name, generation, revision, token.epoch(), now, kept);
			this.datasets.put(name, entry);
			List<Listener> listening = List.copyOf(this.listeners);
			this.memory.announce(() -> listening.forEach((listener) -> listener.received(copy(entry))));
			return copy(entry);
		});
	}

	@Override
	public @Nullable Entry read(String name) {
		synchronized (this.memory.lock) {
			Entry entry = this.datasets.get(name);
			return (entry != null) ? copy(entry) : null;
		}
	}

	@Override
	public State state(List<String> names) {
		synchronized (this.memory.lock) {
			Map<String, Long> revisions = new LinkedHashMap<>();
			for (String name : names) {
				Entry entry = this.datasets.get(name);
				revisions.put(name, (entry != null) ? entry.revision() : 0L);
			}
			return new State(this.store, revisions);
		}
	}

	@Override
	public void subscribe(Listener listener) {
		this.memory.change(() -> {
			this.listeners.add(listener);
			this.memory.announce(listener::subscribed);
			return null;
		});
	}

	/** Forgets the generation and every dataset; called under {@code memory.lock}. */
	void clear() {
		this.store = null;
		this.datasets.clear();
	}

	private static Entry copy(Entry entry) {
		byte[] payload = entry.payload();
		return new Entry(entry.name(), entry.store(), entry.revision(), entry.epoch(), entry.updatedAt(),
				(payload != null) ? payload.clone() : null);
	}

}
