package dev.bellwether.autoconfigure;

import java.util.Map;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.config.MeterFilter;

import dev.bellwether.actuate.BellwetherMeters;
import dev.bellwether.actuate.BellwetherMetrics;
import dev.bellwether.actuate.FleetCacheMetrics;
import dev.bellwether.cache.BellwetherCacheManager;
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
@AutoConfiguration(after = { BellwetherAutoConfiguration.class, BellwetherCacheAutoConfiguration.class },
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
	@ConditionalOnBean(BellwetherCacheManager.class)
	static class OnDemandCacheMetricsConfiguration {

		/**
		 * Micrometer's {@code cache.*} meters of each on-demand cache's near cache, and
		 * the fleet's loads, waits and failures, bound as each cache is created on its
		 * first use. Tagged {@code cache.manager} as Spring Boot tags the caches of its
		 * own cache managers.
		 */
		@Bean
		MeterBinder bellwetherOnDemandCacheMetrics(Map<String, BellwetherCacheManager> managers) {
			return (registry) -> managers.forEach((beanName, caches) -> caches
				.whenCreated((cache) -> bind(registry, caches, cache, cacheManagerTag(beanName))));
		}

		@SuppressWarnings("unchecked")
		private static void bind(MeterRegistry registry, BellwetherCacheManager caches,
				org.springframework.cache.Cache cache, Tag manager) {
			String name = cache.getName();
			CaffeineCacheMetrics.monitor(registry,
					(com.github.benmanes.caffeine.cache.Cache<Object, Object>) cache.getNativeCache(), name,
					Tags.of(manager));
			count(registry, BellwetherMeters.CACHE_LOADS, "Misses that loaded the key for the fleet here", caches, name,
					BellwetherCacheManager.Statistics::loads);
			count(registry, BellwetherMeters.CACHE_WAITS, "Misses that waited for another instance's load", caches,
					name, BellwetherCacheManager.Statistics::waits);
			count(registry, BellwetherMeters.CACHE_WAIT_TIMEOUTS, "Waits that ended before the value came", caches,
					name, BellwetherCacheManager.Statistics::waitTimeouts);
			count(registry, BellwetherMeters.CACHE_STORE_FAILURES, "Store calls that failed or timed out", caches, name,
					BellwetherCacheManager.Statistics::storeFailures);
			count(registry, BellwetherMeters.CACHE_UNDECODABLE, "Stored values that did not decode", caches, name,
					BellwetherCacheManager.Statistics::undecodableValues);
		}

		private static void count(MeterRegistry registry, String meter, String description,
				BellwetherCacheManager caches, String name, ToLongFunction<BellwetherCacheManager.Statistics> count) {
			FunctionCounter.builder(meter, caches, (manager) -> count.applyAsLong(manager.statistics(name)))
				.description(description)
				.tag(BellwetherMeters.TAG_CACHE, name)
				.register(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "com.github.benmanes.caffeine.cache.Caffeine")
	@ConditionalOnBean(CaffeineFleetCaches.class)
	static class FleetCacheMetricsConfiguration {

		/**
		 * Micrometer's {@code cache.*} meters of each {@code FleetCache}, tagged
		 * {@code cache.manager} with the name of the bean that holds them, so that they
		 * never merge with an on-demand cache of the same name.
		 */
		@Bean
		MeterBinder bellwetherFleetCacheMetrics(Map<String, CaffeineFleetCaches> holders) {
			return (registry) -> holders.forEach((beanName, caches) -> caches
				.forEachCache((cache) -> new FleetCacheMetrics(cache, cacheManagerTag(beanName)).bindTo(registry)));
		}

	}

	/**
	 * The {@code cache.manager} tag of the caches a bean holds: its name without a
	 * {@code CacheManager} suffix, as Spring Boot's cache meters have it.
	 */
	static Tag cacheManagerTag(String beanName) {
		String suffix = "CacheManager";
		boolean suffixed = beanName.length() > suffix.length()
				&& beanName.regionMatches(true, beanName.length() - suffix.length(), suffix, 0, suffix.length());
		return Tag.of("cache.manager",
				suffixed ? beanName.substring(0, beanName.length() - suffix.length()) : beanName);
	}

}
