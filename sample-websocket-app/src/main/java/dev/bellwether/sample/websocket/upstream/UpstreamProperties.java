package dev.bellwether.sample.websocket.upstream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the fake upstream market-data API, bound from {@code market.upstream.*}.
 *
 * @param latency how long every {@code /quotes} response waits before it is sent,
 * failures included
 * @param failureRate share of {@code /quotes} requests, between 0 and 1, that are
 * answered with HTTP 503 and a problem-detail body
 * @param seed seed of the prices' random walk, so that the same seed serves the same
 * prices after every restart
 */
@ConfigurationProperties("market.upstream")
public record UpstreamProperties(@DefaultValue("0s") Duration latency, @DefaultValue("0") double failureRate,
		@DefaultValue("7") long seed) {

	public UpstreamProperties {
		if (latency.isNegative()) {
			throw new IllegalArgumentException("market.upstream.latency must not be negative, but was " + latency);
		}
		if (!(failureRate >= 0 && failureRate <= 1)) {
			throw new IllegalArgumentException(
					"market.upstream.failure-rate must be between 0 and 1, but was " + failureRate);
		}
	}

}
