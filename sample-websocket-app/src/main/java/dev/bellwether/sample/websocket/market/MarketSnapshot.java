package dev.bellwether.sample.websocket.market;

import java.time.Instant;
import java.util.List;

/**
 * Every instrument's price at one instant, as the upstream served them.
 *
 * @param asOf when the upstream priced them
 * @param quotes the quotes, in a stable order
 */
public record MarketSnapshot(Instant asOf, List<Quote> quotes) {
}
