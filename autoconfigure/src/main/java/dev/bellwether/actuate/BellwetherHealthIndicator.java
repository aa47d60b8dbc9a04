package dev.bellwether.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.bellwether.data.Dataset;
import dev.bellwether.data.Datasets;
import dev.bellwether.data.Snapshot;
import dev.bellwether.leader.Leadership;
import dev.bellwether.leader.Role;
import dev.bellwether.spi.DatasetStore;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of this instance's part in its group: its role, the leader, the epoch, whether
 * Redis answers, and how fresh each dataset is. It goes DOWN only when a dataset is older
 * than its allowed staleness, was never loaded although Redis holds it, or was never
 * published at all for longer than its allowed staleness since this instance started:
 * never because this instance follows, never because Redis is briefly away while the data
 * is fresh, and not during the cold start of a whole fleet. A dataset this instance does
 * not hold is never {@code fresh}. The dataset of a paused job is never stale (its
 * {@code maxStaleness} says so); the paused jobs are listed as {@code pausedJobs}.
 * <p>
 * It answers from what the instance already holds and what the store last
 * {@link DatasetStore#observed observed}: whether Redis answered its last call and the
 * revisions read at the last reconciliation. It never waits on Redis.
 */
public class BellwetherHealthIndicator extends AbstractHealthIndicator {

	private final Leadership leadership;

	private final Datasets datasets;

	private final DatasetStore store;

	private final Function<String, Optional<Duration>> maxStaleness;

	private final Clock clock;

	private final Supplier<List<String>> pausedJobs;

	private final Instant started;

	private final boolean inMemory;

	/**
	 * Creates the indicator.
	 * @param leadership this instance's leadership
	 * @param datasets the declared datasets
	 * @param store where the datasets are kept
	 * @param maxStaleness the allowed age of each dataset, empty for no limit
	 * @param clock the clock that ages the datasets
	 */
	public BellwetherHealthIndicator(Leadership leadership, Datasets datasets, DatasetStore store,
			Function<String, Optional<Duration>> maxStaleness, Clock clock) {
		this(leadership, datasets, store, maxStaleness, clock, List::of);
	}

	/**
	 * Creates the indicator.
	 * @param leadership this instance's leadership
	 * @param datasets the declared datasets
	 * @param store where the datasets are kept
	 * @param maxStaleness the allowed age of each dataset, empty for no limit
	 * @param clock the clock that ages the datasets
	 * @param pausedJobs the jobs paused fleet-wide, as this instance last heard, shown as
	 * {@code pausedJobs} when there are any
	 */
	public BellwetherHealthIndicator(Leadership leadership, Datasets datasets, DatasetStore store,
			Function<String, Optional<Duration>> maxStaleness, Clock clock, Supplier<List<String>> pausedJobs) {
		this(leadership, datasets, store, maxStaleness, clock, pausedJobs, false);
	}

	/**
	 * Creates the indicator.
	 * @param leadership this instance's leadership
	 * @param datasets the declared datasets
	 * @param store where the datasets are kept
	 * @param maxStaleness the allowed age of each dataset, empty for no limit
	 * @param clock the clock that ages the datasets
	 * @param pausedJobs the jobs paused fleet-wide, as this instance last heard, shown as
	 * {@code pausedJobs} when there are any
	 * @param inMemory whether the store is this instance's memory
	 * ({@code bellwether.store=memory}): the details then say {@code "store": "memory"}
	 * instead of whether Redis answers
	 */
	public BellwetherHealthIndicator(Leadership leadership, Datasets datasets, DatasetStore store,
			Function<String, Optional<Duration>> maxStaleness, Clock clock, Supplier<List<String>> pausedJobs,
			boolean inMemory) {
		super("Bellwether health check failed");
		this.inMemory = inMemory;
		this.pausedJobs = pausedJobs;
		this.leadership = leadership;
		this.datasets = datasets;
		this.store = store;
		this.maxStaleness = maxStaleness;
		this.clock = clock;
		this.started = clock.instant();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Report report = report();
		(report.healthy() ? builder.up() : builder.down()).withDetails(report.details());
	}

	/**
	 * The indicator's details: role, node, leader, epoch, Redis (or the in-memory store)
	 * and datasets.
	 * @return the details, in a stable order
	 */
	public Map<String, Object> details() {
		return report().details();
	}

	private Report report() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("role", Role.of(this.leadership).name());
		details.put("nodeId", this.leadership.nodeId());
		this.leadership.leaderId().ifPresent((leaderId) -> details.put("leaderId", leaderId));
		details.put("epoch", this.leadership.epoch());
		List<Dataset<?>> declared = new ArrayList<>(this.datasets.all());
		DatasetStore.Observation observed = this.store.observed(declared.stream().map(Dataset::name).toList());
		DatasetStore.State state = observed.state();
		if (this.inMemory) {
			details.put("store", "memory");
		}
		else {
			details.put("redis", observed.answered() ? "UP" : "DOWN");
		}
		List<String> paused = this.pausedJobs.get();
		if (!paused.isEmpty()) {
			details.put("pausedJobs", paused);
		}
		Map<String, Object> datasets = new LinkedHashMap<>();
		boolean healthy = true;
		Instant now = Instant.now(this.clock);
		for (Dataset<?> dataset : declared.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
			Map<String, Object> datasetDetails = new LinkedHashMap<>();
			healthy &= dataset(dataset, state, now, datasetDetails);
			datasets.put(dataset.name(), datasetDetails);
		}
		details.put("datasets", datasets);
		return new Report(details, healthy);
	}

	/** Fills in a dataset's details and says whether it is healthy. */
	private boolean dataset(Dataset<?> dataset, DatasetStore.@Nullable State state, Instant now,
			Map<String, Object> details) {
		Optional<Duration> maxStaleness = this.maxStaleness.apply(dataset.name());
		Snapshot<?> snapshot = dataset.snapshot().orElse(null);
		if (snapshot == null) {
			long stored = (state != null) ? state.revisions().getOrDefault(dataset.name(), 0L) : 0;
			details.put("revision", 0L);
			details.put("fresh", false);
			if (stored != 0) {
				return false;
			}
			Duration waited = Duration.between(this.started, now);
			return maxStaleness.map((max) -> waited.compareTo(max) <= 0).orElse(true);
		}
		Duration age = Duration.between(snapshot.updatedAt(), now);
		boolean fresh = maxStaleness.map((max) -> age.compareTo(max) <= 0).orElse(true);
		details.put("revision", snapshot.revision());
		details.put("store", snapshot.store());
		details.put("updatedAt", snapshot.updatedAt().toString());
		details.put("ageSeconds", Math.max(age.toMillis(), 0) / 1000.0);
		details.put("fresh", fresh);
		return fresh;
	}

	private record Report(Map<String, Object> details, boolean healthy) {
	}

}
