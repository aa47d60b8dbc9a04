package dev.bellwether.schedule;

import java.util.List;

/**
 * Operates the fleet's {@link LeaderScheduled} jobs from any instance: run one now, pause
 * or resume one. Requests are recorded in the store and announced on the group's channel,
 * so they reach the leader whichever instance makes them, and a new leader honours them.
 * The {@code bellwether} actuator endpoint offers the same operations. In
 * {@code bellwether.store=memory} each instance has a store of its own, so an operation
 * reaches this instance only. {@link #runHere(String)} runs a job on this instance and
 * waits for it: what a test of a job wants.
 */
public interface Jobs {

	/**
	 * The names of the jobs.
	 * @return the names, in declaration order
	 */
	List<String> names();

	/**
	 * Requests one run of a job on the leader, now. The run is counted and publishes as
	 * any run, and the schedule continues from it; it happens even when the job is paused
	 * (which it stays).
	 * <p>
	 * At most once: the request is recorded in the store, and the first run of the job
	 * that starts after it serves it (the store clears it as that run starts). The leader
	 * hears of it at once on the group's channel; if leadership is changing hands, the
	 * new leader serves it when it takes over; if the announcement is lost (the leader
	 * reconnecting to Redis), the next planned run serves it. A request made while one is
	 * pending joins it: one run serves both.
	 * @param name the job's name
	 * @return the acknowledgement that the request is recorded (not the run's outcome)
	 * @throws NoSuchJobException if there is no such job
	 * @throws RuntimeException if the store could not record the request (for Redis a
	 * Spring {@code DataAccessException}: a {@code QueryTimeoutException} when Redis did
	 * not answer in time)
	 */
	RunRequest runNow(String name);

	/**
	 * Runs a job now, on this instance, if it leads, and waits for the run: unlike
	 * {@link #runNow(String)} it neither goes through the store's request nor reaches the
	 * leader from a follower, but it returns once the run has ended, so a test can read
	 * what it published. A run in progress (a scheduled one, say) ends first: this run
	 * then calls the method again. The schedule continues from this run; it runs even if
	 * the job is paused. A refused run's reason is in the job's status
	 * ({@code lastError}) and the {@code bellwether} endpoint.
	 * @param name the job's name
	 * @return how the run ended ({@link JobOutcome#REFUSED} without running if this
	 * instance does not lead)
	 * @throws NoSuchJobException if there is no such job
	 * @throws IllegalStateException if called from the job itself, or interrupted while
	 * the run in progress ended
	 */
	JobOutcome runHere(String name);

	/**
	 * Pauses a job fleet-wide: the leader plans no more runs of it (a run in progress
	 * finishes) and every later leader honours the pause, until it is resumed. The
	 * dataset it publishes keeps its last data and is not reported stale meanwhile.
	 * @param name the job's name
	 * @throws NoSuchJobException if there is no such job
	 */
	void pause(String name);

	/**
	 * Resumes a paused job: the leader plans its next run from the fleet's record (at
	 * once if it is overdue).
	 * @param name the job's name
	 * @throws NoSuchJobException if there is no such job
	 */
	void resume(String name);

	/**
	 * Whether a job is paused, as this instance last heard (from the store or the group's
	 * channel); does not call the store.
	 * @param name the job's name
	 * @return whether it is paused
	 * @throws NoSuchJobException if there is no such job
	 */
	boolean isPaused(String name);

}
