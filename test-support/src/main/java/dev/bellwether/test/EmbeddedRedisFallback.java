package dev.bellwether.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * For samples and demos: when nothing answers at the configured Redis address
 * ({@code spring.data.redis.url}, else {@code host}/{@code port}, else localhost:6379),
 * starts a {@link RedisServer} on a free port and points the application at it. The
 * server stops with the application context. Does nothing when
 * {@code embedded-redis.enabled=false}, or when {@code bellwether.enabled=false}: such an
 * application needs no Redis.
 */
public final class EmbeddedRedisFallback implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Log logger = LogFactory.getLog(EmbeddedRedisFallback.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (!environment.getProperty("embedded-redis.enabled", Boolean.class, true)
				|| !environment.getProperty("bellwether.enabled", Boolean.class, true)) {
			return;
		}
		InetSocketAddress address = configuredAddress(environment);
		if (answers(address.getHostString(), address.getPort())) {
			return;
		}
		RedisServer redis = RedisServer.start();
		logger.info("No Redis answers at " + address.getHostString() + ":" + address.getPort()
				+ "; started an embedded redis-server at " + redis.uri());
		environment.getPropertySources()
			.addFirst(new MapPropertySource("embeddedRedis", Map.of("spring.data.redis.url", redis.uri(),
					"spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", redis.port())));
		context.addApplicationListener((event) -> {
			if (event instanceof ContextClosedEvent) {
				redis.close();
			}
		});
	}

	private static InetSocketAddress configuredAddress(ConfigurableEnvironment environment) {
		String url = environment.getProperty("spring.data.redis.url");
		if (url != null && !url.isBlank()) {
			URI uri = URI.create(url);
			return InetSocketAddress.createUnresolved(uri.getHost(), (uri.getPort() != -1) ? uri.getPort() : 6379);
		}
		return InetSocketAddress.createUnresolved(environment.getProperty("spring.data.redis.host", "localhost"),
				environment.getProperty("spring.data.redis.port", Integer.class, 6379));
	}

	/** Whether something accepts TCP connections at the address, within half a second. */
	static boolean answers(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
