package dev.bellwether.sample.hedging.market;

import dev.bellwether.data.Datasets;
import dev.bellwether.leader.Leadership;
import dev.bellwether.sample.hedging.HedgingProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.client.RestClient;

/**
 * The hedging service's market data (not in the fake upstream's process).
 */
@Configuration(proxyBeanMethods = false)
@Profile("!upstream")
@EnableConfigurationProperties(HedgingProperties.class)
@EnableCaching
class MarketDataConfiguration {

	@Bean
	UpstreamClient upstreamClient(RestClient.Builder builder, HedgingProperties properties, Leadership leadership) {
		return new UpstreamClient(builder, properties, leadership);
	}

	@Bean
	RatesValidator ratesValidator(HedgingProperties properties) {
		return new RatesValidator(properties.getRates().getExpectedPairs());
	}

	@Bean
	CustomerLookup customerLookup(UpstreamClient upstream) {
		return new CustomerLookup(upstream);
	}

	@Bean
	MarketData marketData(UpstreamClient upstream, Datasets datasets, CustomerLookup lookup) {
		return new MarketData(upstream, datasets, lookup);
	}

}
