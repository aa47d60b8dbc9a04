package dev.bellwether.data;

import java.time.Instant;

/**
 * One revision of a dataset as held in this instance's memory. Immutable.
 *
 * @param <T> the type of the value
 * @param value the value
 * @param store the id of the store generation the revision belongs to
 * @param revision the revision, increasing within a store generation
 * @param epoch the fencing epoch of the leader that published it
 * @param updatedAt when it was published, by the store's clock
 */
public record Snapshot<T>(T value, String store, long revision, long epoch, Instant updatedAt) {

	/**
	 * Whether this snapshot is newer than another: from a later store generation, or from
	 * the same one with a higher revision.
	 * @param other the snapshot to compare with
	 * @return whether this one is newer
	 */
	public boolean isNewerThan(Snapshot<?> other) {
		return isNewer(this.store, this.revision, other.store, other.revision);
	}

	static boolean isNewer(String store, long revision, String otherStore, long otherRevision) {
		if (store.equals(otherStore)) {
			return revision > otherRevision;
		}
		long created = createdAt(store);
		long otherCreated = createdAt(otherStore);
		return (created != otherCreated) ? created > otherCreated : store.compareTo(otherStore) > 0;
	}

	/**
	 * Store ids start with the store's creation time in milliseconds; later generations
	 * sort after earlier ones.
	 */
	private static long createdAt(String store) {
		int dash = store.indexOf('-');
		try {
			return Long.parseLong((dash > 0) ? store.substring(0, dash) : store);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
