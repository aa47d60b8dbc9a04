package dev.bellwether.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.bellwether.schedule.FleetScheduler;
import dev.bellwether.schedule.JobStatus;

/**
 * How old each dataset may grow before it counts as stale:
 * {@code bellwether.health.max-staleness} if set, else the longest age a crash failover
 * can leave behind for the job that publishes the dataset, else no limit.
 * <p>
 * That age, when the leader dies just before its next run: one interval since its last
 * publication, then up to the ttl until its key expires, up to a renew interval for a
 * follower to take over, and one more interval for the new leader's run, which starts at
 * once because it is overdue: {@code ttl + renew-interval + 2 × interval}.
 * <p>
 * The dataset of a paused job has no limit: it is old on purpose.
 */
final class Staleness implements Function<String, Optional<Duration>> {

	private static final int INTERVALS = 2;

	private final @Nullable Duration maxStaleness;

	private final Duration takeover;

	private final Supplier<List<JobStatus>> jobs;

	Staleness(BellwetherSettings settings, @Nullable FleetScheduler scheduler) {
		this(settings, (scheduler != null) ? scheduler::jobs : List::of);
	}

	Staleness(BellwetherSettings settings, Supplier<List<JobStatus>> jobs) {
		this.maxStaleness = settings.maxStaleness();
		this.takeover = settings.takeover();
		this.jobs = jobs;
	}

	@Override
	public Optional<Duration> apply(String dataset) {
		JobStatus job = this.jobs.get()
			.stream()
			.filter((each) -> dataset.equals(each.publish()))
			.findFirst()
			.orElse(null);
		if (job != null && job.paused()) {
			return Optional.empty();
		}
		if (this.maxStaleness != null) {
			return Optional.of(this.maxStaleness);
		}
		return Optional.ofNullable(job).map((each) -> this.takeover.plus(each.interval().multipliedBy(INTERVALS)));
	}

}
