package dev.bellwether.sample.websocket;

import java.util.ArrayList;
import java.util.List;

import dev.bellwether.test.RedisServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The market-data sample as a fleet for tests: a real redis-server, the fake upstream and
 * instances, each its own application context on a free port.
 */
final class MarketFleet implements AutoCloseable {

	final RedisServer redis = RedisServer.start();

	final ConfigurableApplicationContext upstream = new SpringApplicationBuilder(MarketDataApplication.class)
		.profiles("upstream")
		.run("--server.port=0");

	final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private final String refreshInterval;

	MarketFleet(String refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	ConfigurableApplicationContext start(String nodeId) {
		ConfigurableApplicationContext instance = new SpringApplicationBuilder(MarketDataApplication.class).run(
				"--server.port=0", "--spring.data.redis.url=" + this.redis.uri(),
				"--market.feed-url=" + url(this.upstream, ""), "--market.refresh-interval=" + this.refreshInterval,
				"--bellwether.node-id=" + nodeId, "--bellwether.leader.ttl=2s");
		this.instances.add(instance);
		return instance;
	}

	static String url(ConfigurableApplicationContext context, String path) {
		return "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + path;
	}

	static String ws(ConfigurableApplicationContext context) {
		return url(context, "/ws/market").replaceFirst("^http", "ws");
	}

	@Override
	public void close() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		this.upstream.close();
		this.redis.close();
	}

}
