package dev.bellwether.schedule;

/**
 * How a job run ended.
 */
public enum JobOutcome {

	/** The method returned (after retries, perhaps) and its result was published. */
	SUCCESS,

	/** The method failed on every attempt; the last good data stays in place. */
	FAILURE,

	/**
	 * The run did not start, stopped, or could not publish, because this instance did not
	 * or no longer led; the job's {@code lastError} says which.
	 */
	REFUSED

}
