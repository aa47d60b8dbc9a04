package dev.bellwether.autoconfigure;

import java.time.Duration;

/**
 * {@code @LeaderScheduled} jobs.
 */
public class JobProperties {

	private final Retry retry = new Retry();

	public Retry getRetry() {
		return this.retry;
	}

	/**
	 * Retries of a failed run; they stay within the first half of the job's interval
	 * (with fixedDelay, until its next run).
	 */
	public static class Retry {

		/**
		 * How many times a failed run is retried.
		 */
		private long maxRetries = 3;

		/**
		 * Delay before the first retry.
		 */
		private Duration delay = Duration.ofSeconds(1);

		/**
		 * What each following delay is multiplied by.
		 */
		private double multiplier = 2;

		/**
		 * Longest delay between two retries.
		 */
		private Duration maxDelay = Duration.ofSeconds(30);

		public long getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(long maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getDelay() {
			return this.delay;
		}

		public void setDelay(Duration delay) {
			this.delay = delay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

	}

}
