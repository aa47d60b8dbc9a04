package dev.bellwether.sample.hedging.upstream;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The mid rates of every currency pair at one instant, as served by {@code GET /rates}.
 *
 * @param asOf when the rates were taken
 * @param rates mid rate by currency pair, such as {@code EURUSD}
 */
public record Rates(Instant asOf, Map<String, BigDecimal> rates) {

}
