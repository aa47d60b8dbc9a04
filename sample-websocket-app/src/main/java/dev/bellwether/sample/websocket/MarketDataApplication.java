package dev.bellwether.sample.websocket;

import dev.bellwether.test.EmbeddedRedisFallback;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A market-data broadcaster: one leader fetches prices, every instance pushes them to its
 * own WebSocket clients.
 */
@SpringBootApplication
public class MarketDataApplication {

	public static void main(String[] args) {
		new SpringApplicationBuilder(MarketDataApplication.class).initializers(new EmbeddedRedisFallback()).run(args);
	}

}
