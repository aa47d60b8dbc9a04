package dev.bellwether.schedule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.bellwether.spi.JobStore;

/**
 * A job as the fleet sees it.
 *
 * @param status what this instance knows of the job
 * @param record the fleet's record of the job in the store
 * @param nextRun when the record plans the next run, {@code null} if never
 */
public record JobReport(JobStatus status, JobStore.State record, @Nullable Instant nextRun) {
}
