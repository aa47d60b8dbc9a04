package dev.bellwether.sample.hedging.upstream;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamConfigurationTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(UpstreamConfiguration.class);

	@Test
	void loadsNothingWithoutTheUpstreamProfile() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(UpstreamProperties.class)
			.doesNotHaveBean(RateBook.class)
			.doesNotHaveBean(CallCounter.class));
	}

	@Test
	void defaultsToNoLatencyNoFailuresAndSeed42() {
		this.runner.withPropertyValues("spring.profiles.active=upstream")
			.run((context) -> assertThat(context.getBean(UpstreamProperties.class))
				.isEqualTo(new UpstreamProperties(Duration.ZERO, 0, 42)));
	}

	@Test
	void refusesToStartWithAFailureRateAboveOne() {
		this.runner.withPropertyValues("spring.profiles.active=upstream", "upstream.failure-rate=1.5")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("upstream.failure-rate must be between 0 and 1, but was 1.5"));
	}

	@Test
	void refusesToStartWithANegativeFailureRate() {
		this.runner.withPropertyValues("spring.profiles.active=upstream", "upstream.failure-rate=-0.1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("upstream.failure-rate must be between 0 and 1, but was -0.1"));
	}

}
