package dev.bellwether.sample.hedging;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/**
 * A Redis 7 container for {@link TestHedgingApplication}: Testcontainers starts it with
 * the application context, and {@link ServiceConnection @ServiceConnection} points Spring
 * Data Redis (and so Bellwether) at it, overriding any {@code spring.data.redis.*}
 * property. Needs a Docker engine. As a {@link TestConfiguration @TestConfiguration} it
 * is left out of component scanning, so the tests, which start their own
 * {@code redis-server}, never start a container.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RedisContainerConfiguration {

	@Bean
	@ServiceConnection(name = "redis")
	GenericContainer<?> redisContainer() {
		return new GenericContainer<>(DockerImageName.parse("redis:7-alpine")).withExposedPorts(6379);
	}

}
