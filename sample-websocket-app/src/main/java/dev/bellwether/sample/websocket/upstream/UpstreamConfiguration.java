package dev.bellwether.sample.websocket.upstream;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The fake upstream market-data API, active only with the {@code upstream} profile so
 * that the market-data broadcaster itself never loads it.
 */
@Configuration(proxyBeanMethods = false)
@Profile("upstream")
@EnableConfigurationProperties(UpstreamProperties.class)
public class UpstreamConfiguration {

	@Bean
	QuoteBook quoteBook(UpstreamProperties properties) {
		return new QuoteBook(properties.seed());
	}

}
