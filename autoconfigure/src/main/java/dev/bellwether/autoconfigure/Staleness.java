package dev.bellwether.autoconfigure;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.bellwether.schedule.FleetScheduler;

/**
 * How old each dataset may grow before it counts as stale:
 * {@code bellwether.health.max-staleness} if set, else three intervals of the job that
 * publishes the dataset, else no limit.
 */
final class Staleness implements Function<String, Optional<Duration>> {

	private static final int INTERVALS = 3;

	private final @Nullable Duration maxStaleness;

	private final @Nullable FleetScheduler scheduler;

	Staleness(BellwetherProperties properties, @Nullable FleetScheduler scheduler) {
		this.maxStaleness = properties.getHealth().getMaxStaleness();
		this.scheduler = scheduler;
	}

	@Override
	public Optional<Duration> apply(String dataset) {
		if (this.maxStaleness != null) {
			return Optional.of(this.maxStaleness);
		}
		if (this.scheduler == null) {
			return Optional.empty();
		}
		return this.scheduler.jobs()
			.stream()
			.filter((job) -> dataset.equals(job.publish()))
			.findFirst()
			.map((job) -> job.interval().multipliedBy(INTERVALS));
	}

}
