package dev.bellwether.chaos;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.bellwether.chaos.Fleet.Instance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polls every instance's health every 100 ms, each on a thread of its own so that a
 * paused instance holds up no other, and records each change of the revision it holds and
 * of whether it reaches Redis. An unanswered poll records nothing: only what an instance
 * said counts.
 */
final class Observer implements AutoCloseable {

	static final List<String> DATASETS = List.of("rates", "terms");

	private static final Duration POLL = Duration.ofMillis(100);

	/** The failed calls of the sample's on-demand cache to Redis. */
	private static final String STORE_FAILURES = "/actuator/metrics/bellwether.cache.store.failures?tag=cache:customer-terms";

	private final History history;

	private final List<Thread> threads;

	private final Map<String, Map<String, History.Observation>> latest = new HashMap<>();

	private volatile boolean running = true;

	Observer(List<Instance> instances, History history) {
		this.history = history;
		this.threads = instances.stream().map((instance) -> {
			Thread thread = new Thread(() -> poll(instance), "observe-" + instance.node);
			thread.setDaemon(true);
			thread.start();
			return thread;
		}).toList();
	}

	private void poll(Instance instance) {
		Seen seen = new Seen();
		while (this.running) {
			long at = System.currentTimeMillis();
			// the process before its incarnation: a launch counts the incarnation first,
			// and the process it replaced is dead, so an answer is never put down to the
			// wrong one
			AppProcess process = instance.process;
			int incarnation = instance.incarnation;
			try {
				HttpResponse<String> response = process.send("GET", "/actuator/health/bellwether", null,
						Duration.ofMillis(500));
				JsonNode details = JsonMapper.shared().readTree(response.body()).path("details");
				String redis = details.path("redis").asString("");
				if (!redis.isEmpty()) {
					seen.reached(new History.RedisView(at, instance.node, redis.equals("UP")));
				}
				JsonNode datasets = details.path("datasets");
				if (!datasets.isMissingNode()) {
					for (String name : DATASETS) {
						JsonNode dataset = datasets.path(name);
						String updatedAt = dataset.path("updatedAt").asString("");
						observe(new History.Observation(at, instance.node, incarnation, name,
								dataset.path("store").asString(""), dataset.path("revision").asLong(0),
								updatedAt.isEmpty() ? 0 : Instant.parse(updatedAt).toEpochMilli()));
					}
				}
				seen.failures(instance.node, incarnation,
						process.send("GET", STORE_FAILURES, null, Duration.ofMillis(500)));
			}
			catch (IOException | RuntimeException ex) {
				// not answering (paused, crashed, starting): nothing observed
			}
			try {
				Thread.sleep(Math.max(0, POLL.toMillis() - (System.currentTimeMillis() - at)));
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/**
	 * What one poller last saw of its instance besides revisions, so that only changes
	 * are recorded; each poller has its own.
	 */
	private final class Seen {

		private Boolean reached;

		private int incarnation = -1;

		private long failures;

		void reached(History.RedisView view) {
			if (!Objects.equals(this.reached, view.reached())) {
				this.reached = view.reached();
				Observer.this.history.add(view);
			}
		}

		void failures(String node, int incarnation, HttpResponse<String> response) {
			if (response.statusCode() != 200) {
				return; // no lookup yet, so no meter
			}
			long count = JsonMapper.shared()
				.readTree(response.body())
				.path("measurements")
				.path(0)
				.path("value")
				.asLong();
			boolean grew = (incarnation != this.incarnation) ? count > 0 : count > this.failures;
			this.incarnation = incarnation;
			this.failures = count;
			if (grew) {
				Observer.this.history.add(new History.StoreFailure(System.currentTimeMillis(), node, count));
			}
		}

	}

	private void observe(History.Observation observation) {
		History.Observation previous;
		synchronized (this.latest) {
			Map<String, History.Observation> held = this.latest.computeIfAbsent(observation.node(),
					(node) -> new HashMap<>());
			previous = held.get(observation.dataset());
			if (previous != null && previous.incarnation() == observation.incarnation()
					&& previous.key().equals(observation.key())) {
				return;
			}
			held.put(observation.dataset(), observation);
		}
		this.history.add(observation);
	}

	/**
	 * What each instance held when it last answered.
	 * @return the latest observation by node and dataset
	 */
	Map<String, Map<String, History.Observation>> latest() {
		synchronized (this.latest) {
			Map<String, Map<String, History.Observation>> copy = new HashMap<>();
			this.latest.forEach((node, held) -> copy.put(node, new HashMap<>(held)));
			return copy;
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.threads.forEach(Thread::interrupt);
	}

}
