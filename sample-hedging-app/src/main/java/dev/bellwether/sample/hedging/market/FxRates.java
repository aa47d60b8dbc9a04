package dev.bellwether.sample.hedging.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Mid rates of currency pairs at one instant, as the upstream served them.
 *
 * @param asOf when the upstream priced them
 * @param rates mid rate by pair, such as {@code EURUSD}
 */
public record FxRates(Instant asOf, Map<String, BigDecimal> rates) {
}
