package dev.bellwether.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user has to write for {@code bellwetherReadiness} to gate traffic: nothing, as
 * {@code docs/operations.md} says.
 */
class BellwetherReadinessGroupsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BellwetherAutoConfiguration.class,
				BellwetherHealthAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
				AvailabilityHealthContributorAutoConfiguration.class, EndpointAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class))
		.withPropertyValues("spring.application.name=ready", "management.endpoints.web.exposure.include=health");

	@Test
	void readinessGroupHoldsBellwetherReadinessWithoutConfiguration() {
		this.contextRunner.run((context) -> {
			HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
			assertThat(groups.get("readiness").isMember("bellwetherReadiness")).isTrue();
			assertThat(groups.get("readiness").isMember("readinessState")).isTrue();
			assertThat(groups.get("liveness").isMember("bellwetherReadiness")).isFalse();
			assertThat(groups.getPrimary().isMember("bellwetherReadiness")).isFalse();
		});
	}

	@Test
	void readinessGroupThatTheUserDefinesStillHoldsBellwetherReadiness() {
		this.contextRunner.withPropertyValues("management.endpoint.health.group.readiness.include=readinessState,ping")
			.run((context) -> {
				HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
				assertThat(groups.get("readiness").isMember("bellwetherReadiness")).isTrue();
				assertThat(groups.get("readiness").isMember("ping")).isTrue();
			});
	}

	@Test
	void listingBellwetherReadinessInTheGroupIsHarmless() {
		this.contextRunner
			.withPropertyValues("management.endpoint.health.group.readiness.include=readinessState,bellwetherReadiness")
			.run((context) -> {
				HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
				assertThat(groups.get("readiness").isMember("bellwetherReadiness")).isTrue();
				assertThat(groups.getPrimary().isMember("bellwetherReadiness")).isFalse();
			});
	}

	@Test
	void withoutProbesNoGroupHoldsBellwetherReadiness() {
		this.contextRunner.withPropertyValues("management.endpoint.health.probes.enabled=false").run((context) -> {
			HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
			assertThat(groups.get("readiness")).isNull();
			assertThat(groups.getPrimary().isMember("bellwetherReadiness")).isFalse();
		});
	}

}
