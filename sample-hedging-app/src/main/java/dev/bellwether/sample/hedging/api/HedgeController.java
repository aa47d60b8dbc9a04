package dev.bellwether.sample.hedging.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import dev.bellwether.data.Snapshot;
import dev.bellwether.sample.hedging.market.CustomerTerms;
import dev.bellwether.sample.hedging.market.FxRates;
import dev.bellwether.sample.hedging.market.MarketData;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Quotes a hedge for a customer's exposure from this instance's rates and terms: the
 * customer's hedge ratio of the exposure, sold forward to the day the customer pays.
 */
@RestController
@Profile("!upstream")
class HedgeController {

	private final MarketData market;

	HedgeController(MarketData market) {
		this.market = market;
	}

	@PostMapping("/api/hedges")
	HedgeQuote quote(@Valid @RequestBody HedgeRequest request) {
		Snapshot<FxRates> rates = this.market.rates();
		BigDecimal mid = this.market.mid(request.pair())
			.orElseThrow(() -> Problems.unknownPair(request.pair(), HttpStatus.UNPROCESSABLE_CONTENT));
		CustomerTerms terms = this.market.terms(request.customer())
			.orElseThrow(() -> Problems.unknownCustomer(request.customer(), HttpStatus.UNPROCESSABLE_CONTENT));
		BigDecimal hedged = request.amount().multiply(terms.hedgeRatio()).setScale(2, RoundingMode.HALF_EVEN);
		BigDecimal counterValue = hedged.multiply(mid).setScale(2, RoundingMode.HALF_EVEN);
		String base = request.pair().substring(0, 3);
		String quote = request.pair().substring(3);
		return new HedgeQuote(request.customer(), request.pair(), request.amount(), terms.hedgeRatio(), hedged, base,
				mid, counterValue, quote, LocalDate.now(ZoneOffset.UTC).plusDays(terms.paymentDays()),
				rates.revision());
	}

	/**
	 * An exposure to hedge.
	 *
	 * @param customer the customer id
	 * @param pair the currency pair, such as {@code EURUSD}
	 * @param amount the exposure, in the pair's base currency
	 */
	record HedgeRequest(@NotBlank String customer, @NotBlank @Pattern(regexp = "[A-Z]{6}") String pair,
			@NotNull @Positive BigDecimal amount) {
	}

	/**
	 * A hedge quote.
	 *
	 * @param customer the customer id
	 * @param pair the currency pair
	 * @param exposure the exposure, in the base currency
	 * @param hedgeRatio the customer's hedge ratio
	 * @param hedgeAmount the amount to hedge, in the base currency
	 * @param baseCurrency the base currency
	 * @param rate the mid rate used
	 * @param counterValue the hedge amount in the quote currency
	 * @param quoteCurrency the quote currency
	 * @param valueDate the day the customer pays, when the hedge settles
	 * @param ratesRevision the revision of the rates used
	 */
	record HedgeQuote(String customer, String pair, BigDecimal exposure, BigDecimal hedgeRatio, BigDecimal hedgeAmount,
			String baseCurrency, BigDecimal rate, BigDecimal counterValue, String quoteCurrency, LocalDate valueDate,
			long ratesRevision) {
	}

}
