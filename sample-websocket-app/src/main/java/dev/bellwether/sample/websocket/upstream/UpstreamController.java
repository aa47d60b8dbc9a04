package dev.bellwether.sample.websocket.upstream;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fake upstream market-data API: {@code GET /quotes}, and the call statistics at
 * {@code GET /stats} ({@code {"calls": n}}) and {@code POST /stats/reset}.
 * <p>
 * Every request that reaches the {@code /quotes} handler is counted, including those
 * answered with an injected failure: a failed call still hit the upstream's rate limit.
 * Latency and failures are injected as configured by {@link UpstreamProperties}.
 */
@RestController
@Profile("upstream")
public class UpstreamController {

	private final QuoteBook quoteBook;

	private final UpstreamProperties properties;

	private final AtomicLong calls = new AtomicLong();

	UpstreamController(QuoteBook quoteBook, UpstreamProperties properties) {
		this.quoteBook = quoteBook;
		this.properties = properties;
	}

	@GetMapping("/quotes")
	Quotes quotes() {
		this.calls.incrementAndGet();
		delay();
		if (ThreadLocalRandom.current().nextDouble() < this.properties.failureRate()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"Injected failure: market.upstream.failure-rate is " + this.properties.failureRate());
			problem.setTitle("Upstream unavailable");
			throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
		}
		return new Quotes(Instant.now(), this.quoteBook.next());
	}

	@GetMapping("/stats")
	Stats stats() {
		return new Stats(this.calls.get());
	}

	@PostMapping("/stats/reset")
	ResponseEntity<Void> resetStats() {
		this.calls.set(0);
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler
	ProblemDetail injectedFailure(ErrorResponseException ex) {
		return ex.getBody();
	}

	private void delay() {
		if (this.properties.latency().isZero()) {
			return;
		}
		try {
			Thread.sleep(this.properties.latency().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Every instrument's quote at one instant, as served by {@code GET /quotes}.
	 *
	 * @param asOf when the quotes were taken
	 * @param quotes one quote per instrument, in a fixed order
	 */
	public record Quotes(Instant asOf, List<Quote> quotes) {

	}

	/**
	 * The price of one instrument.
	 *
	 * @param symbol the instrument's ticker, such as {@code AAPL} or {@code EURUSD}
	 * @param name the instrument's name
	 * @param currency ISO 4217 code of the currency the price is quoted in
	 * @param price the latest price (for a bond, its yield in percent)
	 * @param open the price at the session open, fixed for the life of the upstream
	 */
	public record Quote(String symbol, String name, String currency, BigDecimal price, BigDecimal open) {

	}

	/**
	 * Call statistics, as served by {@code GET /stats}.
	 *
	 * @param calls every {@code /quotes} request served since the start or the last
	 * reset, failures included
	 */
	public record Stats(long calls) {

	}

}
