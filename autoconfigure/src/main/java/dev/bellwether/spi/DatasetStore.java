package dev.bellwether.spi;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where a group's datasets are kept and announced. Each operation is atomic in the store.
 */
public interface DatasetStore {

	/**
	 * Publishes a payload if the token still holds leadership: raises the revision (above
	 * {@code minRevision} too), stamps it with the store's clock, keeps it and announces
	 * it, all at once. A new store generation begins if the store was empty.
	 * @param token the publishing leadership
	 * @param name the dataset
	 * @param payload the encoded value
	 * @param minRevision the highest revision the publisher holds
	 * @return the entry as stored, or {@code null} if the token no longer leads
	 */
	@Nullable Entry publish(LeaderToken token, String name, byte[] payload, long minRevision);

	/**
	 * Reads a dataset.
	 * @param name the dataset
	 * @return the entry, or {@code null} if the store holds none
	 */
	@Nullable Entry read(String name);

	/**
	 * Reads the store generation and the revision of each dataset, in one round trip.
	 * @param names the datasets
	 * @return the state
	 */
	State state(List<String> names);

	/**
	 * What this instance last learnt from the store, without waiting on it: whether the
	 * store answered its last call, and the revisions it held when the datasets were last
	 * read. Health and readiness answer from it. A store that answers at once (as one in
	 * memory does) reads its state; a remote one answers from what it recorded.
	 * @param names the datasets
	 * @return the observation, with the revisions known of those datasets
	 */
	default Observation observed(List<String> names) {
		try {
			return new Observation(true, state(names));
		}
		catch (RuntimeException ex) {
			return new Observation(false, null);
		}
	}

	/**
	 * Registers a listener for the group's dataset announcements.
	 * @param listener the listener
	 */
	void subscribe(Listener listener);

	/**
	 * A dataset revision.
	 *
	 * @param name the dataset
	 * @param store the store generation
	 * @param revision the revision
	 * @param epoch the publishing leader's epoch
	 * @param updatedAt publication time, epoch milliseconds by the store's clock
	 * @param payload the encoded value, {@code null} when announced without it
	 */
	record Entry(String name, String store, long revision, long epoch, long updatedAt, byte @Nullable [] payload) {
	}

	/**
	 * The store generation and the revision of each dataset ({@code 0} when absent).
	 *
	 * @param store the store generation, {@code null} when the store is empty
	 * @param revisions the revision of each dataset asked for
	 */
	record State(@Nullable String store, Map<String, Long> revisions) {
	}

	/**
	 * What an instance last learnt from the store.
	 *
	 * @param answered whether the store answered its last call
	 * @param state the store generation and the revisions of the datasets read before,
	 * {@code null} if they were never read; a dataset not read yet has no revision here
	 */
	record Observation(boolean answered, @Nullable State state) {
	}

	/**
	 * Receives the group's dataset announcements. Called on the store's listener threads.
	 */
	interface Listener {

		/**
		 * A dataset revision was announced.
		 * @param entry the revision, with or without its payload
		 */
		void received(Entry entry);

		/**
		 * A message on the channel could not be read.
		 * @param reason why
		 */
		void malformed(String reason);

		/**
		 * A message on the channel was readable but not acceptable, such as one without
		 * the group's signature.
		 * @param reason why
		 */
		default void rejected(String reason) {
			malformed(reason);
		}

		/**
		 * The subscription was (re)established: announcements may have been missed.
		 */
		void subscribed();

	}

}
