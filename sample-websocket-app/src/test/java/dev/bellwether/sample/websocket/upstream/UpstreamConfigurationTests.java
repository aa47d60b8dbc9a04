package dev.bellwether.sample.websocket.upstream;

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
			.doesNotHaveBean(QuoteBook.class));
	}

	@Test
	void defaultsToNoLatencyNoFailuresAndSeed7() {
		this.runner.withPropertyValues("spring.profiles.active=upstream")
			.run((context) -> assertThat(context.getBean(UpstreamProperties.class))
				.isEqualTo(new UpstreamProperties(Duration.ZERO, 0, 7)));
	}

	@Test
	void refusesToStartWithAFailureRateAboveOne() {
		this.runner.withPropertyValues("spring.profiles.active=upstream", "market.upstream.failure-rate=1.5")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("market.upstream.failure-rate must be between 0 and 1, but was 1.5"));
	}

	@Test
	void refusesToStartWithANegativeLatency() {
		this.runner.withPropertyValues("spring.profiles.active=upstream", "market.upstream.latency=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("market.upstream.latency must not be negative, but was PT-1S"));
	}

}
