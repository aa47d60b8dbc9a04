package dev.bellwether.spi;

import org.jspecify.annotations.Nullable;

/**
 * Where the entries of a group's {@link FleetCache}s are kept and announced.
 */
public interface CacheStore {

	/**
	 * Writes an entry, or removes it, if the token still holds leadership, and announces
	 * the change.
	 * @param token the writing leadership
	 * @param cache the cache
	 * @param key the encoded key
	 * @param value the encoded value, {@code null} to remove the entry
	 * @return the change's revision, increasing per cache, or {@code 0} if refused
	 */
	long write(LeaderToken token, String cache, String key, byte @Nullable [] value);

	/**
	 * Reads an entry.
	 * @param cache the cache
	 * @param key the encoded key
	 * @return the entry, or {@code null} if there is none
	 */
	@Nullable Entry read(String cache, String key);

	/**
	 * Registers a listener for the group's cache announcements.
	 * @param listener the listener
	 */
	void subscribe(Listener listener);

	/**
	 * An entry or its removal.
	 *
	 * @param cache the cache
	 * @param key the encoded key
	 * @param revision the revision of the change
	 * @param value the encoded value, {@code null} for a removal
	 */
	record Entry(String cache, String key, long revision, byte @Nullable [] value) {
	}

	/**
	 * Receives cache announcements. Called on the store's listener threads.
	 */
	interface Listener {

		/**
		 * An entry changed.
		 * @param entry the change
		 */
		void changed(Entry entry);

	}

}
