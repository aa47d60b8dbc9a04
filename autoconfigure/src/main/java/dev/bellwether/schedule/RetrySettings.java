package dev.bellwether.schedule;

import java.time.Duration;

/**
 * How a failed job run is retried. Retries stay within the first half of the job's
 * interval (with fixedDelay, until its next run).
 *
 * @param maxRetries how many times a run is retried after it fails
 * @param delay the delay before the first retry
 * @param multiplier what each following delay is multiplied by
 * @param maxDelay the longest delay between retries
 */
public record RetrySettings(long maxRetries, Duration delay, double multiplier, Duration maxDelay) {
}
