package dev.bellwether.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.bellwether.actuate.BellwetherEndpoint;
import dev.bellwether.actuate.BellwetherHealthIndicator;
import dev.bellwether.actuate.BellwetherMetrics;
import dev.bellwether.actuate.BellwetherReadinessHealthIndicator;
import dev.bellwether.autoconfigure.BellwetherAutoConfigurationTests.RecordingJobs;
import dev.bellwether.data.Datasets;
import dev.bellwether.leader.Leadership;
import dev.bellwether.spi.DatasetStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BellwetherActuatorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BellwetherAutoConfiguration.class,
				BellwetherHealthAutoConfiguration.class, EndpointAutoConfiguration.class,
				BellwetherEndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, BellwetherMetricsAutoConfiguration.class))
		.withUserConfiguration(Registry.class)
		.withPropertyValues("spring.application.name=observed", "management.endpoints.web.exposure.include=bellwether");

	@Test
	void providesHealthEndpointAndMetrics() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(BellwetherHealthIndicator.class)
			.hasBean("bellwetherHealthIndicator")
			.hasBean("bellwetherReadinessHealthIndicator")
			.hasSingleBean(BellwetherEndpoint.class)
			.hasSingleBean(BellwetherMetrics.class)
			.hasBean("bellwetherFleetCacheMetrics"));
	}

	@Test
	void healthSaysTheStoreIsInMemoryRatherThanThatRedisAnswers() {
		this.contextRunner.run((context) -> assertThat(context.getBean(BellwetherHealthIndicator.class).details())
			.containsEntry("store", "memory")
			.doesNotContainKey("redis"));
	}

	@Test
	void healthIndicatorsCanBeDisabled() {
		this.contextRunner.withPropertyValues("management.health.bellwether.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BellwetherHealthIndicator.class)
				.doesNotHaveBean(BellwetherReadinessHealthIndicator.class)
				.hasSingleBean(BellwetherEndpoint.class));
	}

	@Test
	void endpointIsAbsentUnlessExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(BellwetherEndpoint.class));
	}

	@Test
	void backsOffWhenUserDefinesTheBeans() {
		this.contextRunner.withUserConfiguration(UserBeans.class)
			.run((context) -> assertThat(context).getBean(BellwetherHealthIndicator.class)
				.isSameAs(context.getBean("userHealth")));
	}

	@Test
	void endpointAndHealthWorkThroughTheApplicationsJobs() {
		this.contextRunner
			.withUserConfiguration(BellwetherAutoConfigurationTests.RefreshJob.class,
					BellwetherAutoConfigurationTests.UserJobs.class)
			.run((context) -> {
				RecordingJobs jobs = context.getBean(RecordingJobs.class);
				context.getBean(BellwetherEndpoint.class).operate("greeting", "pause");
				assertThat(jobs.asked).containsExactly("pause greeting");
				await().untilAsserted(() -> assertThat(context.getBean(BellwetherHealthIndicator.class).details())
					.containsEntry("pausedJobs", List.of("greeting")));
			});
	}

	@Test
	void withoutActuatorHasNoHealthNorEndpoint() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class, Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(BellwetherHealthIndicator.class)
				.doesNotHaveBean(BellwetherEndpoint.class)
				.hasSingleBean(BellwetherMetrics.class));
	}

	@Test
	void withoutMicrometerHasNoMetrics() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BellwetherAutoConfiguration.class,
					BellwetherHealthAutoConfiguration.class, BellwetherMetricsAutoConfiguration.class))
			.withPropertyValues("spring.application.name=observed")
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(BellwetherMetrics.class)
				.hasSingleBean(BellwetherHealthIndicator.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class Registry {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		BellwetherHealthIndicator userHealth(Leadership leadership, Datasets datasets, DatasetStore store) {
			return new BellwetherHealthIndicator(leadership, datasets, store, (name) -> Optional.empty(),
					Clock.systemUTC());
		}

	}

}
