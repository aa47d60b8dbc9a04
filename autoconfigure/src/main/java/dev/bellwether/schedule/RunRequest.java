package dev.bellwether.schedule;

import java.time.Instant;

/**
 * The acknowledgement of a request to run a job now: the request is recorded in the
 * fleet's store. It says nothing of the run's outcome, which the job's record (the
 * {@code bellwether} endpoint) and the published revision show once the leader has run
 * it.
 *
 * @param job the job's name
 * @param requestedAt when the pending request was made, by the store's clock: earlier
 * than the call when it joined a request already pending
 * @param paused whether the job is paused (it still runs once for the request)
 */
public record RunRequest(String job, Instant requestedAt, boolean paused) {
}
