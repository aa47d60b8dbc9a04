package dev.bellwether.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import dev.bellwether.chaos.Fleet.Instance;
import dev.bellwether.test.RedisServer;

/**
 * Applies faults to the fleet and heals them. The upstream's two faults combine: a slow
 * upstream that also fails answers slowly with failures.
 */
final class FaultInjector {

	private final Fleet fleet;

	/**
	 * The master a {@code REDIS_PAUSE} froze, which may no longer be master when it ends.
	 */
	private RedisServer paused;

	private int upstreamLatency;

	private int upstreamFailures;

	FaultInjector(Fleet fleet) {
		this.fleet = fleet;
	}

	synchronized void begin(Fault fault) {
		Instance instance = (fault.target() >= 0) ? this.fleet.instances().get(fault.target()) : null;
		switch (fault.kind()) {
			case INSTANCE_CRASH -> instance.process.kill();
			case INSTANCE_PAUSE -> instance.process.pause();
			case PARTITION -> instance.proxy.blackhole();
			case LATENCY -> instance.proxy.delay(Duration.ofMillis(fault.magnitude()));
			case REDIS_RESTART_EMPTY -> this.fleet.master().kill();
			case REDIS_PAUSE -> this.paused = pause(this.fleet.master());
			case SENTINEL_FAILOVER -> this.fleet.sentinel().requestFailover();
			case UPSTREAM_FAILURES -> upstream(this.upstreamLatency, fault.magnitude());
			case UPSTREAM_SLOW -> upstream(fault.magnitude(), this.upstreamFailures);
		}
	}

	synchronized void end(Fault fault) {
		Instance instance = (fault.target() >= 0) ? this.fleet.instances().get(fault.target()) : null;
		switch (fault.kind()) {
			case INSTANCE_CRASH -> this.fleet.launch(instance);
			case INSTANCE_PAUSE -> instance.process.resume();
			case PARTITION, LATENCY -> instance.proxy.heal();
			case REDIS_RESTART_EMPTY -> this.fleet.master().restart();
			case REDIS_PAUSE -> this.paused.resume();
			case SENTINEL_FAILOVER -> {
				// the Sentinels promote a replica on their own
			}
			case UPSTREAM_FAILURES -> upstream(this.upstreamLatency, 0);
			case UPSTREAM_SLOW -> upstream(0, this.upstreamFailures);
		}
	}

	private static RedisServer pause(RedisServer master) {
		master.pause();
		return master;
	}

	private void upstream(int latency, int failures) {
		this.upstreamLatency = latency;
		this.upstreamFailures = failures;
		String faults = "{\"latency\":\"PT" + (latency / 1000.0) + "S\",\"failureRate\":" + (failures / 100.0) + "}";
		try {
			int status = this.fleet.upstream().send("PUT", "/faults", faults, Duration.ofSeconds(5)).statusCode();
			if (status != 200) {
				throw new IllegalStateException("The upstream refused its faults " + faults + ": HTTP " + status);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
