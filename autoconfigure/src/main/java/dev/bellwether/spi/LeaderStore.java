package dev.bellwether.spi;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Where a group's leadership is kept. Each operation is atomic in the store.
 */
public interface LeaderStore {

	/**
	 * Takes leadership if nobody holds it, with an epoch above every epoch the store has
	 * given, at least its clock in microseconds (so that grants a failover or an empty
	 * restart lost never come back under the same number) and above {@code minEpoch}, and
	 * announces it.
	 * @param nodeId the candidate
	 * @param minEpoch the highest epoch the candidate has seen
	 * @param ttl how long the leadership lasts without renewal
	 * @return the outcome
	 */
	Acquisition tryAcquire(String nodeId, long minEpoch, Duration ttl);

	/**
	 * Extends a leadership if the token still holds it.
	 * @param token the leadership to extend
	 * @param ttl the new time to live, from now
	 * @return whether the token still held leadership
	 */
	boolean renew(LeaderToken token, Duration ttl);

	/**
	 * Gives a leadership up if the token still holds it, and announces that it is free.
	 * @param token the leadership to give up
	 * @return whether the token still held leadership
	 */
	boolean release(LeaderToken token);

	/**
	 * Registers a listener for the group's leadership announcements.
	 * @param listener the listener
	 */
	void subscribe(Listener listener);

	/**
	 * The outcome of {@link #tryAcquire}.
	 *
	 * @param acquired whether the candidate became leader
	 * @param leader the leadership now held, by the candidate or by another node
	 * @param remaining how long the current leadership lasts without renewal
	 */
	record Acquisition(boolean acquired, @Nullable LeaderToken leader, Duration remaining) {
	}

	/**
	 * Receives leadership announcements. Called on the store's listener thread.
	 */
	interface Listener {

		/**
		 * A node was elected.
		 * @param token the new leadership
		 */
		void elected(LeaderToken token);

		/**
		 * A leader released its leadership: anyone may take it now.
		 * @param token the released leadership
		 */
		void released(LeaderToken token);

	}

}
