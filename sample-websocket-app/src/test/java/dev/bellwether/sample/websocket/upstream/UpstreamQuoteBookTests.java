package dev.bellwether.sample.websocket.upstream;

import java.math.BigDecimal;
import java.util.List;

import dev.bellwether.sample.websocket.upstream.UpstreamController.Quote;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

class UpstreamQuoteBookTests {

	@Test
	void sameSeedGivesTheSameFirstPrices() {
		List<Quote> first = new QuoteBook(7).next();
		assertThat(first).hasSize(16).isEqualTo(new QuoteBook(7).next());
		assertThat(prices(first)).isNotEqualTo(prices(new QuoteBook(8).next()));
	}

	@Test
	void everyStepIsSmallAndRoundedPerInstrument() {
		QuoteBook book = new QuoteBook(7);
		List<Quote> previous = book.next();
		for (int step = 0; step < 100; step++) {
			List<Quote> before = previous;
			List<Quote> after = book.next();
			for (int i = 0; i < after.size(); i++) {
				Quote quote = after.get(i);
				assertThat(quote.symbol()).isEqualTo(before.get(i).symbol());
				assertThat(quote.price().scale()).isEqualTo(scale(quote.symbol()));
				assertThat(quote.open().scale()).isEqualTo(scale(quote.symbol()));
				assertThat(quote.open()).isEqualTo(before.get(i).open());
				assertThat(quote.price()).isCloseTo(before.get(i).price(), withinPercentage(1));
			}
			previous = after;
		}
	}

	private static int scale(String symbol) {
		return switch (symbol) {
			case "EURUSD", "GBPUSD" -> 5;
			case "USDJPY", "US10Y" -> 3;
			default -> 2;
		};
	}

	private static List<BigDecimal> prices(List<Quote> quotes) {
		return quotes.stream().map(Quote::price).toList();
	}

}
