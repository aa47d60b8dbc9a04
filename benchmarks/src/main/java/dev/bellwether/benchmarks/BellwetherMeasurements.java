package dev.bellwether.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bellwether.data.Dataset;
import dev.bellwether.data.Datasets;
import dev.bellwether.leader.Leadership;
import dev.bellwether.schedule.FleetScheduler;

/**
 * What only Bellwether has: publish-to-apply latency across the followers, and how fast
 * leadership moves when a leader steps down.
 */
final class BellwetherMeasurements {

	static final Map<String, Integer> PAYLOADS = Map.of("1 KB", 1024, "10 KB", 10 * 1024, "100 KB", 100 * 1024, "1 MB",
			1024 * 1024);

	static final List<String> SIZES = List.of("1 KB", "10 KB", "100 KB", "1 MB");

	private static final int REVISIONS = 30;

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
	 * Latencies in microseconds, by payload size, of every follower applying every
	 * revision.
	 */
	static Map<String, List<Long>> syncLatency(Fleet fleet, LatencyLog latencies) {
		Map<String, List<Long>> bySize = new LinkedHashMap<>();
		for (String size : SIZES) {
			String dataset = "payload-" + PAYLOADS.get(size);
			fleet.instances()
				.forEach((instance) -> instance.context().getBean(Datasets.class).get(dataset, String.class));
			Fleet.Instance leader = leader(fleet);
			Dataset<String> published = leader.context().getBean(Datasets.class).get(dataset, String.class);
			String leaderId = leader.context().getBean(Leadership.class).nodeId();
			for (int i = 0; i < REVISIONS; i++) {
				String payload = Character.toString('a' + i % 26).repeat(PAYLOADS.get(size) - 2);
				latencies.publishing(dataset, published.revision() + 1);
				published.publish(payload);
				long revision = published.revision();
				long deadline = System.nanoTime() + 5_000_000_000L;
				while (System.nanoTime() < deadline && fleet.instances()
					.stream()
					.anyMatch((instance) -> instance.context()
						.getBean(Datasets.class)
						.get(dataset, String.class)
						.revision() < revision)) {
					Fleet.pause(1);
				}
				Fleet.pause(20);
			}
			bySize.put(size, latencies.latenciesMicros(dataset, leaderId));
		}
		return bySize;
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
