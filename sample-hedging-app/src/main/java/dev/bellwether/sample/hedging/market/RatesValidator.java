package dev.bellwether.sample.hedging.market;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.bellwether.data.DatasetValidator;

/**
 * Keeps bad rates from the fleet: a result from the upstream that misses an expected pair
 * or quotes a mid that is not positive is not published, and every instance goes on
 * serving the last good rates.
 */
class RatesValidator implements DatasetValidator<FxRates> {

	private final List<String> expectedPairs;

	RatesValidator(List<String> expectedPairs) {
		this.expectedPairs = List.copyOf(expectedPairs);
	}

	@Override
	public String dataset() {
		return "rates";
	}

	@Override
	public List<String> validate(FxRates rates) {
		List<String> problems = new ArrayList<>();
		for (String pair : this.expectedPairs) {
			if (!rates.rates().containsKey(pair)) {
				problems.add("missing pair " + pair);
			}
		}
		for (Map.Entry<String, BigDecimal> rate : rates.rates().entrySet()) {
			if (rate.getValue() == null || rate.getValue().signum() <= 0) {
				problems.add("non-positive mid " + rate.getValue() + " for " + rate.getKey());
			}
		}
		return problems;
	}

}
