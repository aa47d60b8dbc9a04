package dev.bellwether.sample.websocket;

import java.util.List;

import dev.bellwether.test.DemoFleet;
import dev.bellwether.test.DemoFleet.Member;
import dev.bellwether.test.EmbeddedRedisFallback;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A market-data broadcaster: one leader fetches prices, every instance pushes them to its
 * own WebSocket clients.
 */
@SpringBootApplication
public class MarketDataApplication {

	/**
	 * Starts the broadcaster, or with {@code fleet} as the only argument a demo fleet:
	 * Redis, the fake market-data API on port 8060 and two instances on ports 8071 and
	 * 8072.
	 * @param args the application arguments
	 */
	public static void main(String[] args) {
		if (args.length == 1 && args[0].equals("fleet")) {
			DemoFleet.run(new Member("upstream", 8060, List.of("--spring.profiles.active=upstream")),
					List.of(instance(8071), instance(8072)),
					"Open http://localhost:8071 and http://localhost:8072 side by side; stop the leader (kill <pid>)"
							+ " and watch the other page carry on.");
			return;
		}
		new SpringApplicationBuilder(MarketDataApplication.class).initializers(new EmbeddedRedisFallback()).run(args);
	}

	private static Member instance(int port) {
		return new Member("market-" + port, port, List.of("--bellwether.node-id=market-" + port,
				"--market.feed-url=http://localhost:8060", "--bellwether.leader.ttl=5s"));
	}

}
