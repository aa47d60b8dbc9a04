package dev.bellwether.sample.hedging.upstream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Makes the upstream slow and unreliable on demand, as configured by
 * {@code upstream.latency} and {@code upstream.failure-rate}. Thread-safe.
 */
public class FaultInjection {

	private final Duration latency;

	private final double failureRate;

	public FaultInjection(Duration latency, double failureRate) {
		this.latency = latency;
		this.failureRate = failureRate;
	}

	/**
	 * Waits for the configured latency, then fails the request with the configured
	 * probability.
	 * @throws ErrorResponseException a 503 with a problem-detail body when this request
	 * is picked to fail
	 */
	public void delayOrFail() {
		delay();
		if (ThreadLocalRandom.current().nextDouble() < this.failureRate) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"Injected failure: upstream.failure-rate is " + this.failureRate);
			problem.setTitle("Upstream unavailable");
			throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
		}
	}

	private void delay() {
		if (this.latency.isZero()) {
			return;
		}
		try {
			Thread.sleep(this.latency.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
