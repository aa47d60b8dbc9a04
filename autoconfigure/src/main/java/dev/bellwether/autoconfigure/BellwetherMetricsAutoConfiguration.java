package dev.bellwether.autoconfigure;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;

import dev.bellwether.actuate.BellwetherMeters;
import dev.bellwether.actuate.BellwetherMetrics;
import dev.bellwether.actuate.FleetCacheMetrics;
import dev.bellwether.data.CaffeineFleetCaches;
import dev.bellwether.data.FleetDatasets;
import dev.bellwether.leader.Leadership;
import dev.bellwether.schedule.FleetScheduler;
import dev.bellwether.schedule.Jobs;
import dev.bellwether.support.EventLane;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration for Bellwether's Micrometer meters.
 */
@AutoConfiguration(after = BellwetherAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, Leadership.class, FleetDatasets.class })
public final class BellwetherMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BellwetherMetrics bellwetherMetrics(Leadership leadership, FleetDatasets datasets,
			ObjectProvider<FleetScheduler> scheduler, ObjectProvider<Jobs> jobs, BellwetherSettings settings,
			ApplicationContext context) {
		FleetScheduler runner = scheduler.getIfAvailable();
		BellwetherMetrics metrics = new BellwetherMetrics(leadership, datasets, new Staleness(settings, runner),
				jobs.getIfAvailable());
		if (runner != null) {
			runner.addListener(metrics);
		}
		LeadershipListeners.add(leadership, context, metrics::leadershipChanged);
		datasets.addListener(metrics::datasetUpdated);
		return metrics;
	}

	@Bean
	@ConditionalOnBean(EventLane.class)
	MeterBinder bellwetherCallbackFailures(EventLane lane) {
		return (registry) -> FunctionCounter.builder(BellwetherMeters.CALLBACK_FAILURES, lane, EventLane::failures)
			.description("Application callbacks (leadership events, dataset updates) that threw")
			.register(registry);
	}

	@Bean
	MeterFilter bellwetherJobDurationDescription() {
		return new MeterFilter() {

			@Override
			public Meter.Id map(Meter.Id id) {
				if (id.getName().startsWith(BellwetherMeters.JOB_DURATION) && id.getDescription() == null) {
					return new Meter.Id(id.getName(), Tags.of(id.getTags()), id.getBaseUnit(),
							"Duration of job runs on this instance, retries included", id.getType());
				}
				return id;
			}

		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "com.github.benmanes.caffeine.cache.Caffeine")
	@ConditionalOnBean(CaffeineFleetCaches.class)
	static class FleetCacheMetricsConfiguration {

		@Bean
		MeterBinder bellwetherFleetCacheMetrics(CaffeineFleetCaches caches) {
			return (registry) -> caches.forEachCache((cache) -> new FleetCacheMetrics(cache).bindTo(registry));
		}

	}

}
