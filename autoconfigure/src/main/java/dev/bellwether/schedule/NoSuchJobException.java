package dev.bellwether.schedule;

/**
 * Thrown when no {@link LeaderScheduled} job has the given name.
 */
public class NoSuchJobException extends IllegalArgumentException {

	private final String job;

	/**
	 * Creates the exception.
	 * @param job the name that matched no job
	 */
	public NoSuchJobException(String job) {
		super("No @LeaderScheduled job is named '" + job + "'");
		this.job = job;
	}

	/**
	 * The name that matched no job.
	 * @return the name
	 */
	public String getJob() {
		return this.job;
	}

}
