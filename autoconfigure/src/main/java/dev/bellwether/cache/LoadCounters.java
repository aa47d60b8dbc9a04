package dev.bellwether.cache;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one on-demand cache did on this instance: the loads it claimed for the fleet, the
 * misses that waited for another instance's load and those that gave up waiting, the
 * store calls that failed (the instance then loads for itself) and the values that did
 * not decode.
 */
final class LoadCounters {

	private final LongAdder loads = new LongAdder();

	private final LongAdder waits = new LongAdder();

	private final LongAdder waitTimeouts = new LongAdder();

	private final LongAdder storeFailures = new LongAdder();

	private final LongAdder undecodable = new LongAdder();

	void load() {
		this.loads.increment();
	}

	void waiting() {
		this.waits.increment();
	}

	void waitTimeout() {
		this.waitTimeouts.increment();
	}

	void storeFailure() {
		this.storeFailures.increment();
	}

	void undecodable() {
		this.undecodable.increment();
	}

	BellwetherCacheManager.Statistics statistics() {
		return new BellwetherCacheManager.Statistics(loads(), waits(), waitTimeouts(), storeFailures(),
				undecodableValues());
	}

	long loads() {
		return this.loads.sum();
	}

	long waits() {
		return this.waits.sum();
	}

	long waitTimeouts() {
		return this.waitTimeouts.sum();
	}

	long storeFailures() {
		return this.storeFailures.sum();
	}

	long undecodableValues() {
		return this.undecodable.sum();
	}

}
