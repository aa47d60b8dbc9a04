package dev.bellwether.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What this instance knows of one job.
 *
 * @param name the job's name
 * @param publish the dataset it publishes to, or {@code null}
 * @param interval the time between runs (for a cron job, between its next two)
 * @param runs how many runs ended with each outcome on this instance
 * @param lastOutcome how this instance's last run ended, or {@code null} before any
 * @param lastError what went wrong in this instance's last run (its failure, or which
 * refusal stopped it), {@code null} if it succeeded
 * @param nextRun when this instance plans the next run, or {@code null} when it plans
 * none (a follower)
 * @param paused whether the job is paused fleet-wide, as this instance last heard
 */
public record JobStatus(String name, @Nullable String publish, Duration interval, Map<JobOutcome, Long> runs,
		@Nullable JobOutcome lastOutcome, @Nullable String lastError, @Nullable Instant nextRun, boolean paused) {
}
