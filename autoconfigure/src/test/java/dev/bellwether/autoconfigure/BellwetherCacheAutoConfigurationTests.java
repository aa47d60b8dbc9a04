package dev.bellwether.autoconfigure;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bellwether.actuate.BellwetherMeters;
import dev.bellwether.cache.BellwetherCacheManager;
import dev.bellwether.data.FleetCache;
import dev.bellwether.data.FleetCaches;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class BellwetherCacheAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BellwetherAutoConfiguration.class,
				BellwetherCacheAutoConfiguration.class, CacheAutoConfiguration.class))
		.withPropertyValues("spring.application.name=terms", "bellwether.store=memory");

	@Test
	void cachesTheFleetsLoadsWhenTheApplicationEnablesCaching() {
		this.contextRunner.withUserConfiguration(TermsService.class).run((context) -> {
			assertThat(context).hasSingleBean(BellwetherCacheManager.class).hasBean("cacheManager");
			Terms terms = context.getBean(Terms.class);
			assertThat(terms.of("EUR")).isEqualTo("terms of EUR");
			assertThat(terms.of("EUR")).isEqualTo("terms of EUR");
			assertThat(terms.byCode("USD")).contains("terms of USD");
			assertThat(terms.loads()).isEqualTo(2);
		});
	}

	@Test
	void metersCountTheNearCacheAndTheFleetsLoads() {
		withMeters().run((context) -> {
			Terms terms = context.getBean(Terms.class);
			terms.of("EUR");
			terms.of("EUR");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("cache.gets").tags("cache", "terms", "result", "hit").functionCounter().count())
				.isEqualTo(1);
			assertThat(meters.get(BellwetherMeters.CACHE_LOADS).tag("cache", "terms").functionCounter().count())
				.isEqualTo(1);
			assertThat(meters.get(BellwetherMeters.CACHE_WAITS).tag("cache", "terms").functionCounter().count())
				.isZero();
		});
	}

	@Test
	void aFleetCacheAndAnOnDemandCacheOfOneNameKeepMetersApart() {
		withMeters().run((context) -> {
			FleetCache<String, String> fleetTerms = context.getBean(FleetCaches.class)
				.get("terms", String.class, String.class, 10);
			Terms terms = context.getBean(Terms.class);
			terms.of("EUR");
			terms.of("EUR");
			assertThat(fleetTerms.get("EUR")).isEmpty();
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("cache.gets")
				.tags("cache", "terms", "cache.manager", "cacheManager", "result", "hit")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(meters.get("cache.gets")
				.tags("cache", "terms", "cache.manager", "bellwetherFleetCaches", "result", "hit")
				.functionCounter()
				.count()).isZero();
			assertThat(meters.get("cache.gets")
				.tags("cache", "terms", "cache.manager", "bellwetherFleetCaches", "result", "miss")
				.functionCounter()
				.count()).isEqualTo(1);
		});
	}

	private ApplicationContextRunner withMeters() {
		return this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, BellwetherMetricsAutoConfiguration.class))
			.withUserConfiguration(TermsService.class)
			.withBean(SimpleMeterRegistry.class);
	}

	@Test
	void withoutEnableCachingHasNoCacheManager() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(CacheManager.class));
	}

	@Test
	void backsOffWhenTheApplicationDeclaresACacheManager() {
		this.contextRunner.withUserConfiguration(TermsService.class, OwnCacheManager.class)
			.run((context) -> assertThat(context).doesNotHaveBean(BellwetherCacheManager.class)
				.hasSingleBean(CacheManager.class));
	}

	@Test
	void backsOffWhenSpringCacheTypeNamesAnotherProvider() {
		this.contextRunner.withUserConfiguration(TermsService.class)
			.withPropertyValues("spring.cache.type=simple")
			.run((context) -> assertThat(context).doesNotHaveBean(BellwetherCacheManager.class)
				.hasSingleBean(ConcurrentMapCacheManager.class));
	}

	@Test
	void knowsOnlyTheNamedCachesWhenSpringCacheCacheNamesIsSet() {
		this.contextRunner.withUserConfiguration(TermsService.class)
			.withPropertyValues("spring.cache.cache-names=terms")
			.run((context) -> {
				CacheManager caches = context.getBean(CacheManager.class);
				assertThat(caches.getCacheNames()).containsExactly("terms");
				assertThat(caches.getCache("rates")).isNull();
			});
	}

	@Test
	void aCacheDeclaredWithTwoValueTypesFailsNamingBothMethods() {
		this.contextRunner.withUserConfiguration(TermsService.class, ConflictingService.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("The fleet's cache 'terms' would hold")
				.hasMessageContaining("Conflicting.count()"));
	}

	@Test
	void aCacheTimeToLiveThatIsNotPositiveFailsWithAdvice() {
		this.contextRunner.withUserConfiguration(TermsService.class)
			.withPropertyValues("bellwether.cache.terms.time-to-live=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("bellwether.cache.terms.time-to-live"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class TermsService {

		@Bean
		Terms terms() {
			return new Terms();
		}

	}

	static class Terms {

		private final AtomicInteger loads = new AtomicInteger();

		public int loads() {
			return this.loads.get();
		}

		@Cacheable("terms")
		public String of(String currency) {
			this.loads.incrementAndGet();
			return "terms of " + currency;
		}

		@Cacheable(cacheNames = "terms", sync = true)
		public Optional<String> byCode(String currency) {
			this.loads.incrementAndGet();
			return Optional.of("terms of " + currency);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConflictingService {

		@Bean
		Conflicting conflicting() {
			return new Conflicting();
		}

	}

	static class Conflicting {

		@Cacheable("terms")
		public int count() {
			return 1;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnCacheManager {

		@Bean
		CacheManager cacheManager() {
			return new ConcurrentMapCacheManager();
		}

	}

}
