package dev.bellwether.sample.hedging.upstream;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The fake upstream exchange-rate API, active only with the {@code upstream} profile so
 * that the hedging service itself never loads it.
 */
@Configuration(proxyBeanMethods = false)
@Profile("upstream")
@EnableConfigurationProperties(UpstreamProperties.class)
public class UpstreamConfiguration {

	private static final int CUSTOMERS = 120;

	@Bean
	RateBook rateBook(UpstreamProperties properties) {
		return new RateBook(properties.seed());
	}

	@Bean
	CustomerBook customerBook(UpstreamProperties properties) {
		return new CustomerBook(properties.seed(), CUSTOMERS);
	}

	@Bean
	CallCounter callCounter() {
		return new CallCounter();
	}

	@Bean
	CallLog callLog() {
		return new CallLog();
	}

	@Bean
	FaultInjection faultInjection(UpstreamProperties properties) {
		return new FaultInjection(properties.latency(), properties.failureRate());
	}

}
