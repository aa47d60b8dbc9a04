package dev.bellwether.sample.hedging.upstream;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fake upstream exchange-rate API: {@code GET /rates}, {@code GET /terms}, one
 * customer's terms at {@code GET /terms/{customer}} (also for customers outside the daily
 * batch; 404 for an unknown one), the call statistics at {@code GET /stats}
 * ({@code {"calls": n, "rates": r, "terms": t, "customers": c}}) and
 * {@code POST /stats/reset}, every call with its caller's fencing token at
 * {@code GET /calls?after=seq}, and the injected faults at {@code GET} and
 * {@code PUT /faults} ({@code {"latency": "PT0.5S", "failureRate": 0.2}}).
 * <p>
 * Every request that reaches the {@code /rates} or {@code /terms} handlers is counted and
 * logged, including those answered with an injected failure: a failed call still hit the
 * upstream's rate limit.
 */
@RestController
@Profile("upstream")
public class UpstreamController {

	/** The header that carries the caller's node id. */
	public static final String NODE = "Bellwether-Node";

	/** The header that carries the caller's leadership epoch. */
	public static final String EPOCH = "Bellwether-Epoch";

	private final RateBook rateBook;

	private final CustomerBook customerBook;

	private final CallCounter callCounter;

	private final CallLog callLog;

	private final FaultInjection faultInjection;

	UpstreamController(RateBook rateBook, CustomerBook customerBook, CallCounter callCounter, CallLog callLog,
			FaultInjection faultInjection) {
		this.rateBook = rateBook;
		this.customerBook = customerBook;
		this.callCounter = callCounter;
		this.callLog = callLog;
		this.faultInjection = faultInjection;
	}

	@GetMapping("/rates")
	Rates rates(@RequestHeader(name = NODE, required = false) @Nullable String node,
			@RequestHeader(name = EPOCH, required = false) @Nullable Long epoch) {
		this.callCounter.rates();
		return serve("/rates", node, epoch, this.rateBook::next);
	}

	@GetMapping("/terms")
	Terms terms(@RequestHeader(name = NODE, required = false) @Nullable String node,
			@RequestHeader(name = EPOCH, required = false) @Nullable Long epoch) {
		this.callCounter.terms();
		return serve("/terms", node, epoch, () -> new Terms(Instant.now(), this.customerBook.customers()));
	}

	@GetMapping("/terms/{customer}")
	ResponseEntity<CustomerTerms> customer(@PathVariable String customer,
			@RequestHeader(name = NODE, required = false) @Nullable String node) {
		this.callCounter.customer();
		return ResponseEntity.of(serve("/terms/" + customer, node, null, () -> this.customerBook.customer(customer)));
	}

	private <T> T serve(String path, @Nullable String node, @Nullable Long epoch, Supplier<T> answer) {
		Instant at = Instant.now();
		try {
			this.faultInjection.delayOrFail();
		}
		catch (ErrorResponseException ex) {
			this.callLog.record(path, at, node, epoch, ex.getStatusCode().value());
			throw ex;
		}
		T served = answer.get();
		this.callLog.record(path, at, node, epoch, 200);
		return served;
	}

	@GetMapping("/calls")
	List<CallLog.Call> calls(@RequestParam(defaultValue = "0") long after) {
		return this.callLog.after(after);
	}

	@GetMapping("/faults")
	FaultInjection.Faults faults() {
		return this.faultInjection.faults();
	}

	@PutMapping("/faults")
	FaultInjection.Faults setFaults(@RequestBody FaultInjection.Faults faults) {
		this.faultInjection.set(faults);
		return faults;
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
