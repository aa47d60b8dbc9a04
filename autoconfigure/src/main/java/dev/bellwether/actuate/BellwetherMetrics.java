package dev.bellwether.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import dev.bellwether.data.Dataset;
import dev.bellwether.data.DatasetUpdatedEvent;
import dev.bellwether.data.FleetDatasets;
import dev.bellwether.data.SyncOutcome;
import dev.bellwether.leader.Leadership;
import dev.bellwether.leader.LeadershipEvent;
import dev.bellwether.schedule.JobListener;
import dev.bellwether.schedule.JobOutcome;
import dev.bellwether.schedule.Jobs;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Binds the {@link BellwetherMeters}: leadership, job runs, dataset revisions and ages,
 * sync latency and channel messages. Meters of datasets and jobs appear with their first
 * revision or run.
 */
public class BellwetherMetrics implements MeterBinder, ApplicationListener<ContextRefreshedEvent>, JobListener {

	private final Leadership leadership;

	private final FleetDatasets datasets;

	private final Function<String, Optional<Duration>> stalenessLimit;

	private final @Nullable Jobs jobs;

	private final Set<String> boundDatasets = ConcurrentHashMap.newKeySet();

	private volatile @Nullable MeterRegistry registry;

	/**
	 * Creates the binder.
	 * @param leadership this instance's leadership
	 * @param datasets this instance's datasets
	 */
	public BellwetherMetrics(Leadership leadership, FleetDatasets datasets) {
		this(leadership, datasets, (dataset) -> Optional.empty());
	}

	/**
	 * Creates the binder.
	 * @param leadership this instance's leadership
	 * @param datasets this instance's datasets
	 * @param stalenessLimit the allowed age of each dataset, empty for no limit
	 */
	public BellwetherMetrics(Leadership leadership, FleetDatasets datasets,
			Function<String, Optional<Duration>> stalenessLimit) {
		this(leadership, datasets, stalenessLimit, null);
	}

	/**
	 * Creates the binder.
	 * @param leadership this instance's leadership
	 * @param datasets this instance's datasets
	 * @param stalenessLimit the allowed age of each dataset, empty for no limit
	 * @param jobs the jobs, whose pauses are gauged once the context is refreshed
	 */
	public BellwetherMetrics(Leadership leadership, FleetDatasets datasets,
			Function<String, Optional<Duration>> stalenessLimit, @Nullable Jobs jobs) {
		this.jobs = jobs;
		this.leadership = leadership;
		this.datasets = datasets;
		this.stalenessLimit = stalenessLimit;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder(BellwetherMeters.LEADER, this.leadership, (leadership) -> leadership.isLeader() ? 1 : 0)
			.description("Whether this instance leads its group (1) or not (0)")
			.register(registry);
		Counter.builder(BellwetherMeters.LEADERSHIP_CHANGES)
			.description("Leadership grants and revocations on this instance")
			.register(registry);
		for (SyncOutcome outcome : SyncOutcome.values()) {
			FunctionCounter.builder(BellwetherMeters.SYNC_MESSAGES, this.datasets, (d) -> d.messages(outcome))
				.description("Messages received on the group's channel")
				.tag(BellwetherMeters.TAG_OUTCOME, outcome.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
		this.datasets.all().forEach(this::bindDataset);
		bindJobs(registry);
	}

	private void bindJobs(MeterRegistry registry) {
		Jobs jobs = this.jobs;
		if (jobs == null) {
			return;
		}
		for (String job : jobs.names()) {
			Gauge.builder(BellwetherMeters.JOB_PAUSED, jobs, (each) -> each.isPaused(job) ? 1 : 0)
				.description("Whether the job is paused fleet-wide (1) or not (0)")
				.tag(BellwetherMeters.TAG_JOB, job)
				.register(registry);
		}
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		// The jobs are known once the scheduler has started
		MeterRegistry current = this.registry;
		if (current != null) {
			bindJobs(current);
		}
	}

	/**
	 * Counts a change of leadership.
	 * @param event the change
	 */
	public void leadershipChanged(LeadershipEvent event) {
		MeterRegistry current = this.registry;
		if (current != null) {
			current.counter(BellwetherMeters.LEADERSHIP_CHANGES).increment();
		}
	}

	/**
	 * Times a new revision's sync, from its publication to its landing here.
	 * @param updated the new revision
	 */
	public void datasetUpdated(DatasetUpdatedEvent updated) {
		MeterRegistry current = this.registry;
		if (current != null) {
			bindDataset(updated.getDataset());
			Duration latency = Duration.between(updated.getSnapshot().updatedAt(), Instant.now());
			Timer.builder(BellwetherMeters.SYNC_LATENCY)
				.description("Time from a revision's publication to its landing in this instance's memory")
				.tag(BellwetherMeters.TAG_DATASET, updated.getDataset().name())
				.publishPercentileHistogram()
				.register(current)
				.record(latency.isNegative() ? Duration.ZERO : latency);
		}
	}

	@Override
	public void runEnded(String job, JobOutcome outcome) {
		MeterRegistry current = this.registry;
		if (current != null) {
			Counter.builder(BellwetherMeters.JOB_RUNS)
				.description("Job runs on this instance")
				.tag(BellwetherMeters.TAG_JOB, job)
				.tag(BellwetherMeters.TAG_OUTCOME, outcome.name().toLowerCase(Locale.ROOT))
				.register(current)
				.increment();
		}
	}

	private void bindDataset(Dataset<?> dataset) {
		MeterRegistry current = this.registry;
		if (current == null || !this.boundDatasets.add(dataset.name())) {
			return;
		}
		Gauge.builder(BellwetherMeters.DATASET_REVISION, dataset, Dataset::revision)
			.description("The revision of the dataset this instance holds")
			.tag(BellwetherMeters.TAG_DATASET, dataset.name())
			.register(current);
		TimeGauge.builder(BellwetherMeters.DATASET_AGE, dataset, TimeUnit.MILLISECONDS, BellwetherMetrics::ageMillis)
			.description("The age of the revision this instance holds, from its publication")
			.tag(BellwetherMeters.TAG_DATASET, dataset.name())
			.register(current);
		TimeGauge
			.builder(BellwetherMeters.DATASET_STALENESS_LIMIT, dataset.name(), TimeUnit.MILLISECONDS,
					this::stalenessLimitMillis)
			.description("The age beyond which the dataset counts as stale (NaN: no limit)")
			.tag(BellwetherMeters.TAG_DATASET, dataset.name())
			.register(current);
	}

	private double stalenessLimitMillis(String dataset) {
		return this.stalenessLimit.apply(dataset).map((limit) -> (double) limit.toMillis()).orElse(Double.NaN);
	}

	private static double ageMillis(Dataset<?> dataset) {
		return dataset.snapshot()
			.map((snapshot) -> (double) Math.max(0, Duration.between(snapshot.updatedAt(), Instant.now()).toMillis()))
			.orElse(Double.NaN);
	}

}
