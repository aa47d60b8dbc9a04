package dev.bellwether.sample.hedging.upstream;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Mid rates of FX majors and crosses that take one random-walk step each time they are
 * read: every mid moves by a Gaussian relative step with a standard deviation of 0.05%.
 * Rates are rounded to 3 decimals for JPY pairs and 5 otherwise. Thread-safe.
 */
public class RateBook {

	private static final double STEP_SIGMA = 0.0005;

	private final Random random;

	private final Map<String, Double> mids = new LinkedHashMap<>();

	/**
	 * Creates a book at realistic starting mids.
	 * @param seed the seed of the random walk
	 */
	public RateBook(long seed) {
		this.random = new Random(seed);
		this.mids.put("EURUSD", 1.08421);
		this.mids.put("GBPUSD", 1.26735);
		this.mids.put("USDJPY", 151.284);
		this.mids.put("USDCHF", 0.88412);
		this.mids.put("AUDUSD", 0.65873);
		this.mids.put("USDCAD", 1.36127);
		this.mids.put("NZDUSD", 0.60214);
		this.mids.put("EURGBP", 0.85549);
		this.mids.put("EURJPY", 164.024);
		this.mids.put("EURCHF", 0.95857);
		this.mids.put("GBPJPY", 191.730);
		this.mids.put("GBPCHF", 1.12049);
		this.mids.put("AUDJPY", 99.655);
		this.mids.put("CHFJPY", 171.113);
		this.mids.put("CADJPY", 111.134);
		this.mids.put("EURAUD", 1.64591);
		this.mids.put("EURCAD", 1.47590);
		this.mids.put("AUDNZD", 1.09398);
		this.mids.put("USDSEK", 10.51243);
		this.mids.put("USDNOK", 10.68517);
		this.mids.put("USDDKK", 6.88095);
		this.mids.put("USDSGD", 1.34652);
		this.mids.put("USDHKD", 7.82291);
		this.mids.put("USDMXN", 17.05318);
		this.mids.put("USDZAR", 18.76524);
		this.mids.put("USDPLN", 3.98154);
	}

	/**
	 * Moves every mid one step of the random walk and returns the new rates.
	 * @return the rates after the step, by currency pair in a stable order
	 */
	public synchronized Rates next() {
		this.mids.replaceAll((pair, mid) -> mid * (1 + STEP_SIGMA * this.random.nextGaussian()));
		Map<String, BigDecimal> rates = new LinkedHashMap<>();
		this.mids.forEach((pair, mid) -> rates.put(pair, round(pair, mid)));
		return new Rates(Instant.now(), Collections.unmodifiableMap(rates));
	}

	private static BigDecimal round(String pair, double mid) {
		int scale = pair.endsWith("JPY") ? 3 : 5;
		return BigDecimal.valueOf(mid).setScale(scale, RoundingMode.HALF_EVEN);
	}

}
