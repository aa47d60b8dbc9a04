package dev.bellwether.sample.hedging.upstream;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

class UpstreamBooksTests {

	@Test
	void sameSeedGivesTheSameCustomers() {
		Map<String, CustomerTerms> first = new CustomerBook(42, 120).customers();
		assertThat(first).hasSize(120).isEqualTo(new CustomerBook(42, 120).customers());
		assertThat(first).isNotEqualTo(new CustomerBook(7, 120).customers());
	}

	@Test
	void customersHavePlausibleDistinctTerms() {
		Map<String, CustomerTerms> customers = new CustomerBook(42, 120).customers();
		assertThat(customers.keySet()).startsWith("C0001", "C0002").endsWith("C0120");
		assertThat(customers.values().stream().map(CustomerTerms::name).distinct()).hasSize(120);
		assertThat(customers.values()).allSatisfy((terms) -> {
			assertThat(terms.paymentDays()).isBetween(14, 90);
			assertThat(terms.hedgeRatio()).isBetween(new BigDecimal("0.50"), BigDecimal.ONE);
			assertThat(terms.creditLimit()).isBetween(new BigDecimal("250000"), new BigDecimal("10000000"));
			assertThat(terms.currency()).matches("[A-Z]{3}");
		});
	}

	@Test
	void everyStepIsSmallAndRounded() {
		RateBook book = new RateBook(42);
		Map<String, BigDecimal> previous = book.next().rates();
		for (int i = 0; i < 100; i++) {
			Map<String, BigDecimal> before = previous;
			Map<String, BigDecimal> after = book.next().rates();
			assertThat(after).hasSameSizeAs(before).allSatisfy((pair, rate) -> {
				assertThat(rate.scale()).isEqualTo(pair.endsWith("JPY") ? 3 : 5);
				assertThat(rate).isCloseTo(before.get(pair), withinPercentage(0.5));
			});
			previous = after;
		}
	}

}
