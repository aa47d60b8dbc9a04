package dev.bellwether.spi;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Where the entries of a group's on-demand caches (Spring's {@code @Cacheable}) are kept,
 * and where the load of a missing entry is claimed, so that one instance of the fleet
 * loads each key while the others wait for its value.
 * <p>
 * Every put, eviction and clear takes a revision from one counter of the group, so that
 * revisions order every change of every key. Like an epoch, a revision is at least the
 * store's clock in microseconds, so that revisions keep growing when the store loses its
 * counter (a failover, an empty restart). A removal leaves a tombstone with its revision
 * for as long as an entry would live, so that a late put of an older load cannot bring
 * the value back.
 * <p>
 * Removals and clears are always announced. A value is announced only when another
 * instance may need it: when the key held a live value, which an instance may have read,
 * or when another instance waits for the load ({@link #lookup} answered it
 * {@link Loading}). A first load nobody waited for sends nothing, as no instance can hold
 * the key: none keeps an entry longer than the store does ({@link Entry#expiresIn()}).
 */
public interface LoadStore {

	/**
	 * Reads a key's entry or, when there is none and nobody holds its load, claims the
	 * load for the claimant.
	 * @param cache the cache
	 * @param key the encoded key
	 * @param claimant who would load: the node's id
	 * @param lease how long the claim holds before another instance may take it over, as
	 * when its loader crashed
	 * @return the entry, the claim, or who holds the load
	 */
	Lookup lookup(String cache, String key, String claimant, Duration lease);

	/**
	 * Reads a key's entry, without claiming anything.
	 * @param cache the cache
	 * @param key the encoded key
	 * @return the entry, or {@code null} if there is none
	 */
	@Nullable Entry read(String cache, String key);

	/**
	 * Stores the value of a claimed load and ends the claim, unless a change newer than
	 * the claim (an eviction, a put, a clear) came meanwhile: that change stands.
	 * @param claim the claim
	 * @param value the encoded value
	 * @param timeToLive how long the entry lives
	 * @return the entry's revision, or {@code 0} if a newer change stood
	 */
	long complete(Claim claim, byte[] value, Duration timeToLive);

	/**
	 * Ends a claim without a value, as when its loader failed, so that the next miss
	 * claims the load again at once.
	 * @param claim the claim
	 */
	void abandon(Claim claim);

	/**
	 * Writes a value, whoever loaded it, and ends any claim of its key.
	 * @param cache the cache
	 * @param key the encoded key
	 * @param value the encoded value
	 * @param timeToLive how long the entry lives
	 * @return the entry's revision
	 */
	long put(String cache, String key, byte[] value, Duration timeToLive);

	/**
	 * Removes a key's entry, leaving a tombstone, and ends any claim of its key.
	 * @param cache the cache
	 * @param key the encoded key
	 * @param timeToLive how long the tombstone lives: as long as an entry would
	 * @return the tombstone's revision
	 */
	long evict(String cache, String key, Duration timeToLive);

	/**
	 * Removes every entry of a cache: entries of an older revision than the clear's are
	 * no longer read, nor can a load claimed before it complete.
	 * @param cache the cache
	 * @return the clear's revision
	 */
	long clear(String cache);

	/**
	 * Registers a listener for the group's changes of on-demand caches.
	 * @param listener the listener
	 */
	void subscribe(Listener listener);

	/**
	 * What a lookup found.
	 */
	sealed interface Lookup {

	}

	/**
	 * The key has an entry, or a tombstone (an entry without a value).
	 *
	 * @param entry the entry
	 */
	record Found(Entry entry) implements Lookup {
	}

	/**
	 * The caller holds the load of the key: it loads, then {@linkplain #complete
	 * completes} or {@linkplain #abandon abandons} the claim.
	 *
	 * @param claim the claim
	 */
	record Claimed(Claim claim) implements Lookup {
	}

	/**
	 * Another instance holds the load of the key; the claim is marked as waited for, so
	 * that its value is announced.
	 *
	 * @param claimant who loads it
	 */
	record Loading(String claimant) implements Lookup {
	}

	/**
	 * The load of one key, held by one instance.
	 *
	 * @param cache the cache
	 * @param key the encoded key
	 * @param claimant who loads it
	 * @param revision the group's revision when it was claimed: a change after it wins
	 * over its value
	 */
	record Claim(String cache, String key, String claimant, long revision) {
	}

	/**
	 * An entry, or a tombstone.
	 *
	 * @param cache the cache
	 * @param key the encoded key
	 * @param revision the revision of the change that wrote it
	 * @param value the encoded value, {@code null} for a tombstone
	 * @param expiresIn how long it still lives in the store: an instance keeps what it
	 * read no longer, so that no copy outlives the store's entry
	 */
	record Entry(String cache, String key, long revision, byte @Nullable [] value, Duration expiresIn) {
	}

	/**
	 * A change of an on-demand cache, as announced: without the value, which only the
	 * instances that need it read from the store.
	 *
	 * @param cache the cache
	 * @param key the encoded key, or {@code null} when the whole cache was cleared
	 * @param revision the change's revision
	 * @param removed whether the key (or the cache) was emptied
	 */
	record Change(String cache, @Nullable String key, long revision, boolean removed) {
	}

	/**
	 * Receives the changes. Called on the store's listener threads, in the order of the
	 * changes.
	 */
	interface Listener {

		/**
		 * A key or a cache changed.
		 * @param change the change
		 */
		void changed(Change change);

		/**
		 * The subscription was (re)established: changes may have been missed.
		 */
		default void resubscribed() {
		}

	}

}
