package dev.bellwether.sample.hedging.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What keeps bad rates from the fleet.
 */
class RatesValidatorTests {

	private final RatesValidator validator = new RatesValidator(List.of("EURUSD", "GBPUSD"));

	@Test
	void acceptsRatesWithEveryExpectedPairAndPositiveMids() {
		assertThat(this.validator.validate(rates(Map.of("EURUSD", "1.08", "GBPUSD", "1.26", "USDJPY", "151.2"))))
			.isEmpty();
	}

	@Test
	void reportsAMissingPair() {
		assertThat(this.validator.validate(rates(Map.of("EURUSD", "1.08")))).containsExactly("missing pair GBPUSD");
	}

	@Test
	void reportsANonPositiveMid() {
		assertThat(this.validator.validate(rates(Map.of("EURUSD", "1.08", "GBPUSD", "0", "USDJPY", "-1"))))
			.containsExactlyInAnyOrder("non-positive mid 0 for GBPUSD", "non-positive mid -1 for USDJPY");
	}

	private static FxRates rates(Map<String, String> mids) {
		Map<String, BigDecimal> rates = new HashMap<>();
		mids.forEach((pair, mid) -> rates.put(pair, new BigDecimal(mid)));
		return new FxRates(Instant.now(), rates);
	}

}
