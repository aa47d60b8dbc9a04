package dev.bellwether.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.bellwether.data.DatasetUpdatedEvent;

/**
 * Publish-to-apply latencies: the leader notes when it starts publishing a revision,
 * every follower when that revision lands in its memory.
 */
public final class LatencyLog {

	private final Map<String, Long> published = new ConcurrentHashMap<>();

	private final List<Applied> applied = new ArrayList<>();

	/** Notes that the leader starts publishing, right before it does. */
	void publishing(String dataset, long revision) {
		this.published.put(dataset + "#" + revision, System.nanoTime());
	}

	/** Notes a revision landing on an instance. */
	void applied(String nodeId, DatasetUpdatedEvent event) {
		long now = System.nanoTime();
		synchronized (this.applied) {
			this.applied.add(new Applied(nodeId, event.getDataset().name(), event.getSnapshot().revision(), now));
		}
	}

	/**
	 * The latencies, in microseconds, of every follower applying the revisions of one
	 * dataset.
	 */
	List<Long> latenciesMicros(String dataset, String leaderId) {
		List<Long> latencies = new ArrayList<>();
		synchronized (this.applied) {
			for (Applied one : this.applied) {
				Long start = this.published.get(one.dataset() + "#" + one.revision());
				if (one.dataset().equals(dataset) && !one.nodeId().equals(leaderId) && start != null) {
					latencies.add((one.nanos() - start) / 1000);
				}
			}
		}
		latencies.sort(Long::compare);
		return latencies;
	}

	private record Applied(String nodeId, String dataset, long revision, long nanos) {
	}

}
