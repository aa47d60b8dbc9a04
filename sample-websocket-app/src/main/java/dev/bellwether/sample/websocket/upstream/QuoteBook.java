package dev.bellwether.sample.websocket.upstream;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.bellwether.sample.websocket.upstream.UpstreamController.Quote;

/**
 * Prices of 16 instruments (stocks, indices, FX, crypto, gold and a bond yield) that take
 * one random-walk step each time they are read: every price moves by a Gaussian relative
 * step with a standard deviation of 0.1%. The open stays at the starting price. Prices
 * are rounded to 2 decimals, except 5 for FX (3 for JPY) and 3 for yields. The same seed
 * always walks the same way. Thread-safe.
 */
public class QuoteBook {

	private static final double STEP_SIGMA = 0.001;

	private static final List<Instrument> INSTRUMENTS = List.of(new Instrument("AAPL", "Apple Inc.", "USD", 186.10, 2),
			new Instrument("MSFT", "Microsoft Corporation", "USD", 415.26, 2),
			new Instrument("NVDA", "NVIDIA Corporation", "USD", 121.79, 2),
			new Instrument("AMZN", "Amazon.com, Inc.", "USD", 183.66, 2),
			new Instrument("GOOGL", "Alphabet Inc. Class A", "USD", 172.45, 2),
			new Instrument("TSLA", "Tesla, Inc.", "USD", 177.94, 2),
			new Instrument("SPX", "S&P 500 Index", "USD", 5304.72, 2),
			new Instrument("NDX", "Nasdaq-100 Index", "USD", 18674.33, 2),
			new Instrument("DAX", "DAX 40 Index", "EUR", 18693.37, 2),
			new Instrument("EURUSD", "Euro / US Dollar", "USD", 1.08421, 5),
			new Instrument("GBPUSD", "British Pound / US Dollar", "USD", 1.26735, 5),
			new Instrument("USDJPY", "US Dollar / Japanese Yen", "JPY", 151.284, 3),
			new Instrument("BTCUSD", "Bitcoin / US Dollar", "USD", 67245.18, 2),
			new Instrument("ETHUSD", "Ether / US Dollar", "USD", 3478.55, 2),
			new Instrument("XAUUSD", "Gold Spot / US Dollar", "USD", 2331.40, 2),
			new Instrument("US10Y", "US 10-Year Treasury Yield", "USD", 4.412, 3));

	private final Random random;

	private final double[] prices = new double[INSTRUMENTS.size()];

	/**
	 * Creates a book with every price at its open.
	 * @param seed the seed of the random walk
	 */
	public QuoteBook(long seed) {
		this.random = new Random(seed);
		for (int i = 0; i < this.prices.length; i++) {
			this.prices[i] = INSTRUMENTS.get(i).open();
		}
	}

	/**
	 * Moves every price one step of the random walk and returns the new quotes.
	 * @return the quotes after the step, in a fixed order of instruments
	 */
	public synchronized List<Quote> next() {
		List<Quote> quotes = new ArrayList<>(INSTRUMENTS.size());
		for (int i = 0; i < this.prices.length; i++) {
			this.prices[i] *= 1 + STEP_SIGMA * this.random.nextGaussian();
			quotes.add(INSTRUMENTS.get(i).quote(this.prices[i]));
		}
		return List.copyOf(quotes);
	}

	private record Instrument(String symbol, String name, String currency, double open, int scale) {

		Quote quote(double price) {
			return new Quote(this.symbol, this.name, this.currency, round(price), round(this.open));
		}

		private BigDecimal round(double value) {
			return BigDecimal.valueOf(value).setScale(this.scale, RoundingMode.HALF_EVEN);
		}

	}

}
