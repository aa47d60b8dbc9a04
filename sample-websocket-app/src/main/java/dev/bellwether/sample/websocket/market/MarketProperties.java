package dev.bellwether.sample.websocket.market;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the market-data broadcaster, under {@code market.*}.
 *
 * @param feedUrl base address of the market-data API the leader calls
 * @param refreshInterval time between two calls of that API, for the whole fleet
 */
@ConfigurationProperties("market")
public record MarketProperties(@DefaultValue("http://localhost:8060") URI feedUrl,
		@DefaultValue("2s") Duration refreshInterval) {
}
