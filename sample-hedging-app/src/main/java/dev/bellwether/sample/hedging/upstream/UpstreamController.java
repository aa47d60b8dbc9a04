package dev.bellwether.sample.hedging.upstream;

import java.time.Instant;
import java.util.Map;

import org.springframework.context.annotation.Profile;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fake upstream exchange-rate API: {@code GET /rates}, {@code GET /terms} and the
 * call statistics at {@code GET /stats} ({@code {"calls": n, "rates": r, "terms": t}})
 * and {@code POST /stats/reset}.
 * <p>
 * Every request that reaches the {@code /rates} or {@code /terms} handler is counted,
 * including those answered with an injected failure: a failed call still hit the
 * upstream's rate limit.
 */
@RestController
@Profile("upstream")
public class UpstreamController {

	private final RateBook rateBook;

	private final CustomerBook customerBook;

	private final CallCounter callCounter;

	private final FaultInjection faultInjection;

	UpstreamController(RateBook rateBook, CustomerBook customerBook, CallCounter callCounter,
			FaultInjection faultInjection) {
		this.rateBook = rateBook;
		this.customerBook = customerBook;
		this.callCounter = callCounter;
		this.faultInjection = faultInjection;
	}

	@GetMapping("/rates")
	Rates rates() {
		this.callCounter.rates();
		this.faultInjection.delayOrFail();
		return this.rateBook.next();
	}

	@GetMapping("/terms")
	Terms terms() {
		this.callCounter.terms();
		this.faultInjection.delayOrFail();
		return new Terms(Instant.now(), this.customerBook.customers());
	}

	@GetMapping("/stats")
	CallCounter.Counts stats() {
		return this.callCounter.counts();
	}

	@PostMapping("/stats/reset")
	ResponseEntity<Void> resetStats() {
		this.callCounter.reset();
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler
	ProblemDetail injectedFailure(ErrorResponseException ex) {
		return ex.getBody();
	}

	/**
	 * Every customer's terms at one instant, as served by {@code GET /terms}.
	 *
	 * @param asOf when the terms were served
	 * @param customers terms by customer id
	 */
	public record Terms(Instant asOf, Map<String, CustomerTerms> customers) {

	}

}
