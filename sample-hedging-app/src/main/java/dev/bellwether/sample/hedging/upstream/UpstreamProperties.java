package dev.bellwether.sample.hedging.upstream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the fake upstream exchange-rate API, bound from {@code upstream.*}.
 *
 * @param latency how long every {@code /rates} and {@code /terms} response waits before
 * it is sent, failures included
 * @param failureRate share of {@code /rates} and {@code /terms} requests, between 0 and
 * 1, that are answered with HTTP 503 and a problem-detail body
 * @param seed seed of the customer terms and of the rates' random walk, so that the same
 * seed serves the same customers after every restart
 */
@ConfigurationProperties("upstream")
public record UpstreamProperties(@DefaultValue("0s") Duration latency, @DefaultValue("0") double failureRate,
		@DefaultValue("42") long seed) {

	public UpstreamProperties {
		new FaultInjection.Faults(latency, failureRate);
	}

}
