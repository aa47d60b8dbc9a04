package dev.bellwether.spi;

import org.jspecify.annotations.Nullable;

/**
 * Where the fleet's job schedule is kept: when each job last started and finished, by the
 * store's clock, so that every leader works from the same schedule; whether an operator
 * paused it; whether a run was requested. Pausing and requesting a run are open to every
 * instance; they and every run's start are announced to every instance.
 */
public interface JobStore {

	/**
	 * Reads a job's record and the store's clock.
	 * @param name the job
	 * @return the record
	 */
	State read(String name);

	/**
	 * Records that a run starts, if the token still holds leadership; it serves a pending
	 * run request.
	 * @param token the running leadership
	 * @param name the job
	 * @return {@link Started} with the start time, or {@link Fenced} if the token no
	 * longer leads
	 */
	default Start start(LeaderToken token, String name) {
		return start(token, name, false);
	}

	/**
	 * Records that a run starts, if the token still holds leadership and, for a planned
	 * run, the job is not paused; it serves a pending run request. The start is announced
	 * (a {@link Control} with {@link Control#started()}), so that every instance
	 * remembers it even if the store later loses the record.
	 * @param token the running leadership
	 * @param name the job
	 * @param unlessPaused whether to refuse if the job is paused (a planned run, not a
	 * requested one)
	 * @return {@link Started} with the start time, {@link Fenced} if the token no longer
	 * leads, or {@link Paused}
	 */
	Start start(LeaderToken token, String name, boolean unlessPaused);

	/**
	 * Records that a run ended, if the token still holds leadership.
	 * @param token the running leadership
	 * @param name the job
	 * @param error what went wrong, or {@code null} on success
	 */
	void finish(LeaderToken token, String name, @Nullable String error);

	/**
	 * Requests a run of a job, served by the next run that starts ({@link #start} clears
	 * the request), and announces it. A request made while one is pending joins it.
	 * @param name the job
	 * @return when the pending request was made, by the store's clock
	 */
	long requestRun(String name);

	/**
	 * Pauses or resumes a job's schedule, and announces it.
	 * @param name the job
	 * @param paused whether the job is paused from now on
	 */
	void pause(String name, boolean paused);

	/**
	 * Subscribes to the announcements of paused, resumed and requested jobs.
	 * @param listener the listener, called on the store's thread
	 */
	void subscribe(Listener listener);

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
	 * @param paused whether an operator paused the job
	 * @param runRequested when a run was requested that no run has served yet, {@code 0}
	 * if none is pending
	 */
	record State(long now, long lastStart, long lastFinish, long lastSuccess, @Nullable String lastError,
			@Nullable String node, long epoch, boolean paused, long runRequested) {
	}

	/**
	 * What became of a run's start: {@link Started}, {@link Paused} or {@link Fenced}.
	 */
	sealed interface Start permits Started, Paused, Fenced {

	}

	/**
	 * The run started, and its start is recorded.
	 *
	 * @param at when, in epoch milliseconds by the store's clock
	 */
	record Started(long at) implements Start {
	}

	/**
	 * The run was refused: the job is paused (a planned run only).
	 */
	record Paused() implements Start {
	}

	/**
	 * The run was refused: the token no longer leads.
	 */
	record Fenced() implements Start {
	}

	/**
	 * A job's control state, as announced when it changes.
	 *
	 * @param name the job
	 * @param paused whether it is paused
	 * @param runRequested when the pending run request was made, {@code 0} if none is
	 * @param started when the run that this change announces started, by the store's
	 * clock; {@code 0} if the change is not a run's start
	 */
	record Control(String name, boolean paused, long runRequested, long started) {

		/**
		 * A change of the pause or the run request alone.
		 * @param name the job
		 * @param paused whether it is paused
		 * @param runRequested when the pending run request was made, {@code 0} if none is
		 */
		public Control(String name, boolean paused, long runRequested) {
			this(name, paused, runRequested, 0);
		}

	}

	/**
	 * Told of every change of a job's control state, on every instance.
	 */
	interface Listener {

		/**
		 * A job was paused, resumed, requested to run or started.
		 * @param control the job's control state after the change
		 */
		void changed(Control control);

	}

}
