package dev.bellwether.sample.hedging.upstream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Makes the upstream slow and unreliable on demand, as configured by
 * {@code upstream.latency} and {@code upstream.failure-rate} and changed at run time with
 * {@code PUT /faults}. Thread-safe.
 */
public class FaultInjection {

	private volatile Faults faults;

	public FaultInjection(Duration latency, double failureRate) {
		this.faults = new Faults(latency, failureRate);
	}

	/**
	 * The faults in force.
	 * @return the faults
	 */
	public Faults faults() {
		return this.faults;
	}

	/**
	 * Replaces the faults in force, for the requests that arrive from now on.
	 * @param faults the new faults
	 */
	public void set(Faults faults) {
		this.faults = faults;
	}

	/**
	 * Waits for the configured latency, then fails the request with the configured
	 * probability.
	 * @throws ErrorResponseException a 503 with a problem-detail body when this request
	 * is picked to fail
	 */
	public void delayOrFail() {
		Faults current = this.faults;
		delay(current.latency());
		if (ThreadLocalRandom.current().nextDouble() < current.failureRate()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"Injected failure: upstream.failure-rate is " + current.failureRate());
			problem.setTitle("Upstream unavailable");
			throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
		}
	}

	private static void delay(Duration latency) {
		if (latency.isZero()) {
			return;
		}
		try {
			Thread.sleep(latency.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The upstream's faults, as {@code GET} and {@code PUT /faults} carry them.
	 *
	 * @param latency how long every response waits before it is sent
	 * @param failureRate share of requests, between 0 and 1, answered with HTTP 503
	 */
	public record Faults(Duration latency, double failureRate) {

		public Faults {
			if (latency.isNegative()) {
				throw new IllegalArgumentException("upstream.latency must not be negative, but was " + latency);
			}
			if (!(failureRate >= 0 && failureRate <= 1)) {
				throw new IllegalArgumentException(
						"upstream.failure-rate must be between 0 and 1, but was " + failureRate);
			}
		}

	}

}
