package dev.bellwether.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Latencies receivers record as values land: cheap to record from any thread, and the
 * publisher can wait for every receiver of one publication without polling anyone.
 */
public final class Arrivals {

	private final List<long[]> recorded = new ArrayList<>();

	private long awaited = -1;

	private int arrived;

	/**
	 * Records that one receiver holds publication {@code seq}.
	 * @param seq the publication
	 * @param latencyMicros microseconds from its stamp until now
	 */
	public synchronized void record(long seq, long latencyMicros) {
		this.recorded.add(new long[] { seq, latencyMicros });
		if (seq == this.awaited) {
			this.arrived++;
			notifyAll();
		}
	}

	/**
	 * Starts counting the receivers of a publication.
	 * @param seq the publication about to be sent
	 */
	public synchronized void expect(long seq) {
		this.awaited = seq;
		this.arrived = 0;
	}

	/**
	 * Waits until the expected publication reached that many receivers.
	 * @param receivers how many
	 * @param timeoutMillis how long at most
	 * @return whether all of them hold it
	 */
	public synchronized boolean await(int receivers, long timeoutMillis) throws InterruptedException {
		long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
		while (this.arrived < receivers) {
			long left = (deadline - System.nanoTime()) / 1_000_000;
			if (left <= 0) {
				return false;
			}
			wait(left);
		}
		return true;
	}

	/**
	 * The latencies of publications {@code from} to {@code to}, inclusive, sorted.
	 * @param from the first publication
	 * @param to the last publication
	 * @return microseconds, sorted
	 */
	public synchronized List<Long> latencies(long from, long to) {
		List<Long> latencies = new ArrayList<>();
		for (long[] one : this.recorded) {
			if (one[0] >= from && one[0] <= to) {
				latencies.add(one[1]);
			}
		}
		latencies.sort(Long::compare);
		return latencies;
	}

	/**
	 * Whether a publication was recorded.
	 * @param seq the publication
	 * @return whether it was
	 */
	public synchronized boolean has(long seq) {
		return this.recorded.stream().anyMatch((one) -> one[0] == seq);
	}

	/**
	 * Everything recorded: publication and latency.
	 * @return a copy
	 */
	public synchronized List<long[]> all() {
		return List.copyOf(this.recorded);
	}

}
