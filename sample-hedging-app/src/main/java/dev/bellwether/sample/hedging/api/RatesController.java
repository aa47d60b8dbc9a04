package dev.bellwether.sample.hedging.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import dev.bellwether.data.Snapshot;
import dev.bellwether.sample.hedging.market.FxRates;
import dev.bellwether.sample.hedging.market.MarketData;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * FX rates, served from this instance's memory.
 */
@RestController
@Profile("!upstream")
@RequestMapping("/api/rates")
class RatesController {

	private final MarketData market;

	RatesController(MarketData market) {
		this.market = market;
	}

	@GetMapping
	RatesView rates() {
		Snapshot<FxRates> snapshot = this.market.rates();
		return new RatesView(snapshot.value().asOf(), snapshot.revision(), snapshot.value().rates());
	}

	@GetMapping("/{pair}")
	RateView rate(@PathVariable String pair) {
		Snapshot<FxRates> snapshot = this.market.rates();
		BigDecimal mid = this.market.mid(pair).orElseThrow(() -> Problems.unknownPair(pair, HttpStatus.NOT_FOUND));
		return new RateView(pair, mid, snapshot.value().asOf(), snapshot.revision());
	}

	record RatesView(Instant asOf, long revision, Map<String, BigDecimal> rates) {
	}

	record RateView(String pair, BigDecimal mid, Instant asOf, long revision) {
	}

}
