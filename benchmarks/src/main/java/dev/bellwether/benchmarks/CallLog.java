package dev.bellwether.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The upstream every instance of a fleet would call: it records when each call happened,
 * so calls per interval can be counted for the whole fleet.
 */
public final class CallLog {

	private final List<Long> calls = new ArrayList<>();

	private String lastCaller = "";

	/**
	 * Records one upstream call, now.
	 * @param caller the node id of the calling instance
	 */
	public synchronized void call(String caller) {
		this.calls.add(System.nanoTime());
		this.lastCaller = caller;
	}

	/**
	 * The node id of the instance that called last.
	 * @return the node id
	 */
	public synchronized String lastCaller() {
		return this.lastCaller;
	}

	/**
	 * The calls made so far, in nanoseconds of {@link System#nanoTime()}.
	 * @return the times, in order
	 */
	public synchronized List<Long> calls() {
		return List.copyOf(this.calls);
	}

	/** Forgets every call. */
	public synchronized void clear() {
		this.calls.clear();
	}

}
