package dev.bellwether.schedule;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What this instance knows of one job.
 *
 * @param name the job's name
 * @param publish the dataset it publishes to, or {@code null}
 * @param runs how many runs ended with each outcome on this instance
 * @param lastOutcome how this instance's last run ended, or {@code null} before any
 * @param nextRun when this instance plans the next run, or {@code null} when it plans
 * none (a follower)
 */
public record JobStatus(String name, @Nullable String publish, Map<JobOutcome, Long> runs,
		@Nullable JobOutcome lastOutcome, @Nullable Instant nextRun) {
}
