package dev.bellwether.sample.hedging.market;

import java.util.Optional;

import org.springframework.cache.annotation.Cacheable;

/**
 * The terms of customers outside the daily batch, looked up on demand: behind
 * {@code @Cacheable}, the first instance of the fleet that needs a customer calls the
 * upstream, and every other instance gets that answer, an unknown customer included.
 */
public class CustomerLookup {

	private final UpstreamClient upstream;

	public CustomerLookup(UpstreamClient upstream) {
		this.upstream = upstream;
	}

	@Cacheable("customer-terms")
	public Optional<CustomerTerms> terms(String customer) {
		return this.upstream.customerTerms(customer); // once per customer for the whole
														// fleet
	}

}
