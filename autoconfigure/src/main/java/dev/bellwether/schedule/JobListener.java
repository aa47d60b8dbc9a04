package dev.bellwether.schedule;

/**
 * Told when a job run on this instance ends.
 */
@FunctionalInterface
public interface JobListener {

	/**
	 * A run ended.
	 * @param job the job's name
	 * @param outcome how it ended
	 */
	void runEnded(String job, JobOutcome outcome);

}
