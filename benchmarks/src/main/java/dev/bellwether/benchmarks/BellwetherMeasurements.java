package dev.bellwether.benchmarks;

import java.util.ArrayList;
import java.util.List;

import dev.bellwether.leader.Leadership;
import dev.bellwether.schedule.FleetScheduler;

/**
 * What only Bellwether has: how fast leadership moves when a leader steps down (its
 * publish-to-apply latency is {@link SyncBench}'s).
 */
final class BellwetherMeasurements {

	private BellwetherMeasurements() {
	}

	static void pauseJobs(Fleet fleet, boolean paused) {
		for (Fleet.Instance instance : fleet.instances()) {
			FleetScheduler scheduler = instance.context().getBean(FleetScheduler.class);
			if (paused) {
				scheduler.stop();
			}
			else {
				scheduler.start();
			}
		}
	}

	/**
	 * Milliseconds from a leader's step-down until another instance leads, for each of
	 * them.
	 */
	static List<Double> handoffs(Fleet fleet, int count) {
		List<Double> handoffs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Fleet.Instance leader = leader(fleet);
			long start = System.nanoTime();
			leader.context().getBean(Leadership.class).stepDown();
			while (fleet.instances()
				.stream()
				.noneMatch(
						(instance) -> instance != leader && instance.context().getBean(Leadership.class).isLeader())) {
				if (System.nanoTime() - start > 20_000_000_000L) {
					break;
				}
				Thread.onSpinWait();
			}
			handoffs.add((System.nanoTime() - start) / 1e6);
			Fleet.pause(400);
		}
		return handoffs;
	}

	static Fleet.Instance leader(Fleet fleet) {
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (System.nanoTime() < deadline) {
			for (Fleet.Instance instance : fleet.instances()) {
				if (instance.context().getBean(Leadership.class).isLeader()) {
					return instance;
				}
			}
			Fleet.pause(5);
		}
		throw new IllegalStateException("No leader in 30 s");
	}

}
