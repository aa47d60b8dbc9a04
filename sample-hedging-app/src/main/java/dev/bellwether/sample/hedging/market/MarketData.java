package dev.bellwether.sample.hedging.market;

import java.math.BigDecimal;
import java.util.Optional;

import dev.bellwether.data.Dataset;
import dev.bellwether.data.Datasets;
import dev.bellwether.data.Snapshot;
import dev.bellwether.schedule.LeaderScheduled;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The fleet's market data: refreshed by the leader from the upstream, read by every
 * instance from its own memory.
 */
public class MarketData {

	private final UpstreamClient upstream;

	private final Dataset<FxRates> rates;

	private final Dataset<PaymentTerms> terms;

	private final CustomerLookup lookup;

	public MarketData(UpstreamClient upstream, Datasets datasets, CustomerLookup lookup) {
		this.upstream = upstream;
		this.lookup = lookup;
		this.rates = datasets.get("rates", FxRates.class);
		this.terms = datasets.get("terms", PaymentTerms.class);
	}

	@LeaderScheduled(fixedRate = "${hedging.rates.refresh-interval:5m}", publish = "rates")
	FxRates refreshRates() {
		return this.upstream.rates();
	}

	@LeaderScheduled(fixedRate = "${hedging.terms.refresh-interval:1h}", publish = "terms")
	PaymentTerms refreshTerms() {
		return this.upstream.terms();
	}

	/**
	 * The rates this instance holds.
	 * @return the snapshot
	 * @throws ErrorResponseException 503 before the first revision has arrived
	 */
	public Snapshot<FxRates> rates() {
		return loaded(this.rates);
	}

	/**
	 * The mid rate of a pair.
	 * @param pair the pair, such as {@code EURUSD}
	 * @return the mid, empty for an unknown pair
	 */
	public Optional<BigDecimal> mid(String pair) {
		return Optional.ofNullable(rates().value().rates().get(pair));
	}

	/**
	 * A customer's terms: from the daily batch this instance holds, else looked up on
	 * demand, once for the whole fleet.
	 * @param customer the customer id
	 * @return the terms, empty for an unknown customer
	 */
	public Optional<CustomerTerms> terms(String customer) {
		CustomerTerms terms = loaded(this.terms).value().customers().get(customer);
		return (terms != null) ? Optional.of(terms) : this.lookup.terms(customer);
	}

	private static <T> Snapshot<T> loaded(Dataset<T> dataset) {
		return dataset.snapshot().orElseThrow(() -> {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The " + dataset.name() + " have not reached this instance yet; try again shortly");
			problem.setTitle("Market data not loaded");
			return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
		});
	}

}
