package dev.bellwether.autoconfigure;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bellwether.actuate.BellwetherHealthIndicator;
import dev.bellwether.actuate.BellwetherReadinessHealthIndicator;
import dev.bellwether.data.Datasets;
import dev.bellwether.leader.Leadership;
import dev.bellwether.memory.InMemoryStores;
import dev.bellwether.schedule.FleetScheduler;
import dev.bellwether.schedule.Jobs;
import dev.bellwether.spi.DatasetStore;
import dev.bellwether.spi.Stores;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration for the {@code bellwether} health indicator and the
 * {@code bellwetherReadiness} indicator of the {@code readiness} group.
 */
@AutoConfiguration(after = BellwetherAutoConfiguration.class,
		afterName = "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({ Leadership.class, Datasets.class, DatasetStore.class })
@ConditionalOnEnabledHealthIndicator("bellwether")
public final class BellwetherHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BellwetherHealthIndicator bellwetherHealthIndicator(Leadership leadership, Datasets datasets, DatasetStore store,
			BellwetherSettings settings, ObjectProvider<FleetScheduler> scheduler, ObjectProvider<Jobs> jobs,
			ObjectProvider<Stores> stores) {
		return healthIndicator(leadership, datasets, store, settings, scheduler.getIfAvailable(), jobs.getIfAvailable(),
				stores.getIfAvailable() instanceof InMemoryStores);
	}

	static BellwetherHealthIndicator healthIndicator(Leadership leadership, Datasets datasets, DatasetStore store,
			BellwetherSettings settings, @Nullable FleetScheduler scheduler, @Nullable Jobs jobs, boolean inMemory) {
		return new BellwetherHealthIndicator(leadership, datasets, store, new Staleness(settings, scheduler),
				Clock.systemUTC(), (jobs != null) ? () -> pausedJobs(jobs) : List::of, inMemory);
	}

	private static List<String> pausedJobs(Jobs jobs) {
		return jobs.names().stream().filter(jobs::isPaused).toList();
	}

	@Bean(name = BellwetherReadinessGroups.INDICATOR + "HealthIndicator")
	@ConditionalOnMissingBean
	BellwetherReadinessHealthIndicator bellwetherReadinessHealthIndicator(Datasets datasets, DatasetStore store) {
		return new BellwetherReadinessHealthIndicator(datasets, store);
	}

	/**
	 * Runs after Boot's availability probes post-processor, which has the same order but
	 * is registered earlier (this auto-configuration comes after its own), so that the
	 * {@code readiness} group exists.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	HealthEndpointGroupsPostProcessor bellwetherReadinessGroups() {
		return new BellwetherReadinessGroups();
	}

}
