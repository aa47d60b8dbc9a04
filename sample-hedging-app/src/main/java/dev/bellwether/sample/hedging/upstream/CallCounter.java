package dev.bellwether.sample.hedging.upstream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the calls the fleet makes to the upstream, so that a demo can show one call per
 * refresh interval however many instances run. Thread-safe.
 */
public class CallCounter {

	private final AtomicLong calls = new AtomicLong();

	/**
	 * Counts one call.
	 */
	public void increment() {
		this.calls.incrementAndGet();
	}

	/**
	 * Returns the calls counted since the start or the last {@link #reset()}.
	 * @return the number of calls
	 */
	public long calls() {
		return this.calls.get();
	}

	/**
	 * Starts counting again from zero.
	 */
	public void reset() {
		this.calls.set(0);
	}

}
