package dev.bellwether.sample.hedging.upstream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the calls the fleet makes to the upstream, in all and per endpoint, so that a
 * demo can show one call per refresh interval however many instances run. Thread-safe.
 */
public class CallCounter {

	private final AtomicLong rates = new AtomicLong();

	private final AtomicLong terms = new AtomicLong();

	private final AtomicLong customers = new AtomicLong();

	/** Counts one call of {@code /rates}. */
	public void rates() {
		this.rates.incrementAndGet();
	}

	/** Counts one call of {@code /terms}. */
	public void terms() {
		this.terms.incrementAndGet();
	}

	/** Counts one call of {@code /terms/{customer}}. */
	public void customer() {
		this.customers.incrementAndGet();
	}

	/**
	 * The calls counted since the start or the last {@link #reset()}.
	 * @return the counts
	 */
	public Counts counts() {
		long rates = this.rates.get();
		long terms = this.terms.get();
		long customers = this.customers.get();
		return new Counts(rates + terms + customers, rates, terms, customers);
	}

	/** Starts counting again from zero. */
	public void reset() {
		this.rates.set(0);
		this.terms.set(0);
		this.customers.set(0);
	}

	/**
	 * Call counts, as served by {@code GET /stats}.
	 *
	 * @param calls every request served, failures included
	 * @param rates the {@code /rates} requests
	 * @param terms the {@code /terms} requests
	 * @param customers the {@code /terms/{customer}} requests, one customer each
	 */
	public record Counts(long calls, long rates, long terms, long customers) {
	}

}
