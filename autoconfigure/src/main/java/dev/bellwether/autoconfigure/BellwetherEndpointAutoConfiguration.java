package dev.bellwether.autoconfigure;

import dev.bellwether.actuate.BellwetherEndpoint;
import dev.bellwether.actuate.BellwetherHealthIndicator;
import dev.bellwether.data.Datasets;
import dev.bellwether.data.FleetMembership;
import dev.bellwether.leader.Leadership;
import dev.bellwether.memory.InMemoryStores;
import dev.bellwether.schedule.FleetScheduler;
import dev.bellwether.schedule.Jobs;
import dev.bellwether.spi.DatasetStore;
import dev.bellwether.spi.Stores;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@code /actuator/bellwether} endpoint.
 */
@AutoConfiguration(after = { BellwetherAutoConfiguration.class, BellwetherHealthAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, BellwetherHealthIndicator.class })
@ConditionalOnBean({ Leadership.class, Datasets.class, DatasetStore.class })
@ConditionalOnAvailableEndpoint(BellwetherEndpoint.class)
public final class BellwetherEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BellwetherEndpoint bellwetherEndpoint(ObjectProvider<BellwetherHealthIndicator> health, Leadership leadership,
			Datasets datasets, DatasetStore store, BellwetherSettings settings,
			ObjectProvider<FleetScheduler> scheduler, ObjectProvider<Jobs> jobs,
			ObjectProvider<FleetMembership> membership, ObjectProvider<Stores> stores) {
		BellwetherHealthIndicator indicator = health
			.getIfAvailable(() -> BellwetherHealthAutoConfiguration.healthIndicator(leadership, datasets, store,
					settings, scheduler.getIfAvailable(), jobs.getIfAvailable(),
					stores.getIfAvailable() instanceof InMemoryStores));
		return new BellwetherEndpoint(indicator, leadership, scheduler.getIfAvailable(), jobs.getIfAvailable(),
				membership.getIfAvailable());
	}

}
