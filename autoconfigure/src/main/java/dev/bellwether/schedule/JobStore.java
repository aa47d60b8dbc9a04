package dev.bellwether.schedule;

import org.jspecify.annotations.Nullable;

import dev.bellwether.leader.LeaderToken;

/**
 * Where the fleet's job schedule is kept: when each job last started and finished, by the
 * store's clock, so that every leader works from the same schedule.
 */
public interface JobStore {

	/**
	 * Reads a job's record and the store's clock.
	 * @param name the job
	 * @return the record
	 */
	State read(String name);

	/**
	 * Records that a run starts, if the token still holds leadership.
	 * @param token the running leadership
	 * @param name the job
	 * @return the start time in epoch milliseconds by the store's clock, or {@code 0} if
	 * the token no longer leads
	 */
	long start(LeaderToken token, String name);

	/**
	 * Records that a run ended, if the token still holds leadership.
	 * @param token the running leadership
	 * @param name the job
	 * @param error what went wrong, or {@code null} on success
	 */
	void finish(LeaderToken token, String name, @Nullable String error);

	/**
	 * A job's record; times are epoch milliseconds by the store's clock, {@code 0} when
	 * unknown.
	 *
	 * @param now the store's clock at the time of reading
	 * @param lastStart when the last run started
	 * @param lastFinish when the last run ended
	 * @param lastSuccess when the last successful run ended
	 * @param lastError what went wrong in the last run, if it failed
	 * @param node the node that ran it
	 * @param epoch the epoch of the leadership that ran it
	 */
	record State(long now, long lastStart, long lastFinish, long lastSuccess, @Nullable String lastError,
			@Nullable String node, long epoch) {
	}

}
