package dev.bellwether.fleet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.bellwether.data.Dataset;
import dev.bellwether.data.Snapshot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks on every read that no instance's dataset ever goes back to an older revision.
 */
public final class RevisionWatch {

	private final Map<String, Snapshot<?>> seen = new ConcurrentHashMap<>();

	private int reads;

	/**
	 * Reads a node's dataset and asserts it is not older than what it held before.
	 * @return the snapshot read, or {@code null} if the node holds none
	 */
	public synchronized <T> Snapshot<T> read(FleetNode node, Dataset<T> dataset) {
		this.reads++;
		Snapshot<T> now = dataset.snapshot().orElse(null);
		String key = node.nodeId() + "/" + dataset.name();
		Snapshot<?> before = this.seen.get(key);
		if (before != null) {
			assertThat(now).as("%s lost its data", key).isNotNull();
			assertThat(now == before || now.isNewerThan(before) || sameVersion(now, before))
				.as("%s went back from %s to %s", key, before, now)
				.isTrue();
		}
		if (now != null) {
			this.seen.put(key, now);
		}
		return now;
	}

	public synchronized int reads() {
		return this.reads;
	}

	private static boolean sameVersion(Snapshot<?> a, Snapshot<?> b) {
		return a.store().equals(b.store()) && a.revision() == b.revision();
	}

}
