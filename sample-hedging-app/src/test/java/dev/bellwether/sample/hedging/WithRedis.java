package dev.bellwether.sample.hedging;

import dev.bellwether.test.RedisServer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Points the sample's Spring Boot tests at one real redis-server on a free port, shared
 * by every test class that extends it (each uses its own Bellwether group). The server
 * stops when the test JVM does.
 */
abstract class WithRedis {

	static final RedisServer redis = RedisServer.start();

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", redis::uri);
	}

}
