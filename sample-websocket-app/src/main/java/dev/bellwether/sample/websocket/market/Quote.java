package dev.bellwether.sample.websocket.market;

import java.math.BigDecimal;

/**
 * The price of one instrument.
 *
 * @param symbol the ticker, such as {@code AAPL}
 * @param name the instrument's name
 * @param currency the currency of the price
 * @param price the last price
 * @param open the session's opening price
 */
public record Quote(String symbol, String name, String currency, BigDecimal price, BigDecimal open) {
}
