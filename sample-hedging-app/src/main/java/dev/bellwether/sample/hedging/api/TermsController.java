package dev.bellwether.sample.hedging.api;

import dev.bellwether.sample.hedging.market.CustomerTerms;
import dev.bellwether.sample.hedging.market.MarketData;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customers' payment terms, served from this instance's memory.
 */
@RestController
@Profile("!upstream")
class TermsController {

	private final MarketData market;

	TermsController(MarketData market) {
		this.market = market;
	}

	@GetMapping("/api/terms/{customer}")
	CustomerTerms terms(@PathVariable String customer) {
		return this.market.terms(customer).orElseThrow(() -> Problems.unknownCustomer(customer, HttpStatus.NOT_FOUND));
	}

}
