package dev.bellwether.autoconfigure;

import java.time.Clock;

import dev.bellwether.actuate.BellwetherHealthIndicator;
import dev.bellwether.data.DatasetStore;
import dev.bellwether.data.Datasets;
import dev.bellwether.leader.Leadership;
import dev.bellwether.schedule.FleetScheduler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@code bellwether} health indicator.
 */
@AutoConfiguration(after = BellwetherAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({ Leadership.class, Datasets.class, DatasetStore.class })
@ConditionalOnEnabledHealthIndicator("bellwether")
public final class BellwetherHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BellwetherHealthIndicator bellwetherHealthIndicator(Leadership leadership, Datasets datasets, DatasetStore store,
			BellwetherProperties properties, ObjectProvider<FleetScheduler> scheduler) {
		return new BellwetherHealthIndicator(leadership, datasets, store,
				new Staleness(properties, scheduler.getIfAvailable()), Clock.systemUTC());
	}

}
