package dev.bellwether.spi;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every store contract shares: a backend given by the subclass, emptied before each
 * test, two instances of one group, and a recorder of announcements.
 */
abstract class StoreContract {

	static final String GROUP = "contract";

	/**
	 * Numbers each test's group: on Redis Cluster an announcement reaches a subscriber on
	 * another node over the cluster bus, so one of the previous test can arrive after the
	 * next test subscribed; a group (and channel) of its own keeps each test apart.
	 */
	private static final AtomicInteger tests = new AtomicInteger();

	static final Duration TTL = Duration.ofSeconds(10);

	static final Duration SHORT_TTL = Duration.ofMillis(150);

	/** The backend under test. */
	abstract Backend backend();

	/** One instance's view of the group. */
	Stores one;

	/** Another instance's view of the same group. */
	Stores other;

	@BeforeEach
	void emptyTheStore() {
		backend().empty();
		String group = GROUP + "-" + tests.incrementAndGet();
		this.one = backend().stores(group);
		this.other = backend().stores(group);
	}

	@AfterEach
	void releaseTheStores() {
		backend().release();
	}

	LeaderToken lead(Stores stores, String nodeId) {
		LeaderStore.Acquisition acquisition = stores.leader().tryAcquire(nodeId, 0, TTL);
		assertThat(acquisition.acquired()).as("%s acquired", nodeId).isTrue();
		return acquisition.leader();
	}

	/**
	 * Makes {@code node-a} leader with a short ttl and waits until {@code node-b} has
	 * replaced it, as after a long pause of {@code node-a}.
	 * @return the tokens of the ex-leader and of the new one
	 */
	LeaderToken[] replaceLeader() {
		LeaderToken old = this.one.leader().tryAcquire("node-a", 0, SHORT_TTL).leader();
		LeaderToken current = await().atMost(Duration.ofSeconds(5))
			.until(() -> this.other.leader().tryAcquire("node-b", 0, TTL), LeaderStore.Acquisition::acquired)
			.leader();
		return new LeaderToken[] { old, current };
	}

	/**
	 * Waits until each recorder has heard exactly one announcement of the expected's
	 * type, equal to it field by field.
	 */
	static void awaitEachHeardOnly(Object expected, Recorder... recorders) {
		await().untilAsserted(() -> {
			for (Recorder recorder : recorders) {
				assertThat(recorder.heard(expected.getClass())).singleElement()
					.usingRecursiveComparison()
					.isEqualTo(expected);
			}
		});
	}

	/** Records every announcement it hears, in order. */
	static final class Recorder implements LeaderStore.Listener, DatasetStore.Listener, CacheStore.Listener,
			JobStore.Listener, LoadStore.Listener {

		final List<Object> heard = new CopyOnWriteArrayList<>();

		Recorder subscribeTo(Stores stores) {
			stores.leader().subscribe(this);
			stores.datasets().subscribe(this);
			stores.caches().subscribe(this);
			stores.jobs().subscribe(this);
			stores.loads().subscribe(this);
			return this;
		}

		@Override
		public void elected(LeaderToken token) {
			this.heard.add("elected " + token);
		}

		@Override
		public void released(LeaderToken token) {
			this.heard.add("released " + token);
		}

		@Override
		public void received(DatasetStore.Entry entry) {
			this.heard.add(entry);
		}

		@Override
		public void malformed(String reason) {
		}

		@Override
		public void subscribed() {
		}

		@Override
		public void changed(CacheStore.Entry entry) {
			this.heard.add(entry);
		}

		@Override
		public void changed(JobStore.Control control) {
			this.heard.add(control);
		}

		@Override
		public void changed(LoadStore.Change change) {
			this.heard.add(change);
		}

		<T> List<T> heard(Class<T> type) {
			return this.heard.stream().filter(type::isInstance).map(type::cast).toList();
		}

		List<String> leadership() {
			return heard(String.class);
		}

	}

}
