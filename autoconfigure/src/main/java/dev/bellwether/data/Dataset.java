package dev.bellwether.data;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * A value the leader refreshes for the whole fleet, held in this instance's memory. Reads
 * never touch Redis.
 *
 * @param <T> the type of the value
 */
public interface Dataset<T> {

	/**
	 * The dataset's name.
	 * @return the name
	 */
	String name();

	/**
	 * The newest value this instance holds: a volatile read of an immutable snapshot.
	 * @return the value, empty until the first revision arrives
	 */
	Optional<T> current();

	/**
	 * The revision of {@link #current()}.
	 * @return the revision, {@code 0} before the first
	 */
	long revision();

	/**
	 * The newest snapshot this instance holds, with its revision and publication time.
	 * @return the snapshot, empty until the first revision arrives
	 */
	Optional<Snapshot<T>> snapshot();

	/**
	 * Calls a listener with the new values that land on this instance, in order,
	 * beginning with the next one. It runs on the application's event lane, one callback
	 * at a time, after the leadership events and updates that came before it, never on a
	 * thread that Redis or the election needs. If it falls behind, only the newest value
	 * waits for it: it may skip revisions, never go back.
	 * @param listener the listener
	 */
	void onUpdate(Consumer<? super T> listener);

	/**
	 * Publishes a value to the whole fleet. Only the leader's publications land: the
	 * store refuses one from an instance that no longer holds leadership.
	 * @param value the value
	 * @return whether the publication landed
	 * @throws IllegalArgumentException if the value encodes to more than
	 * {@code bellwether.sync.max-payload-size}
	 * @throws InvalidDatasetException if the value fails a {@link DatasetValidator} of
	 * the dataset (it is not published)
	 */
	boolean publish(T value);

}
