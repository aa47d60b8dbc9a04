package dev.bellwether.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.bellwether.actuate.BellwetherHealthIndicator;
import dev.bellwether.data.Dataset;
import dev.bellwether.data.Datasets;
import dev.bellwether.data.FleetDatasets;
import dev.bellwether.leader.Leadership;
import dev.bellwether.test.RedisServer;
import dev.bellwether.test.TcpProxy;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.Assert;

/**
 * One instance of an in-JVM fleet: a whole Spring application context with Bellwether,
 * its own Redis connections, all through its own fault-injecting proxy when it reaches
 * one redis-server.
 */
public final class FleetNode implements AutoCloseable {

	private final String nodeId;

	private final @Nullable TcpProxy proxy;

	private final ConfigurableApplicationContext context;

	FleetNode(@Nullable RedisServer redis, List<String> redisProperties, String nodeId, Map<String, Object> shared,
			List<String> properties, Class<?>... configurations) {
		this.nodeId = nodeId;
		this.proxy = (redis != null) ? TcpProxy.start(redis.port()) : null;
		List<Class<?>> sources = new ArrayList<>(List.of(configurations));
		sources.add(NodeConfiguration.class);
		List<String> all = new ArrayList<>(redisProperties);
		if (this.proxy != null) {
			all.addAll(List.of("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + this.proxy.port()));
		}
		all.addAll(List.of("spring.data.redis.timeout=500ms", "spring.application.name=fleet",
				"bellwether.node-id=" + nodeId, "bellwether.leader.ttl=1s", "bellwether.leader.renew-interval=300ms",
				"bellwether.sync.verify-interval=1s", "bellwether.job.retry.delay=20ms"));
		all.addAll(properties);
		this.context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.initializers((context) -> shared.forEach(context.getBeanFactory()::registerSingleton))
			.properties(all.toArray(String[]::new))
			.run();
	}

	public String nodeId() {
		return this.nodeId;
	}

	public TcpProxy proxy() {
		Assert.state(this.proxy != null, "A node of a Sentinel or Cluster fleet has no proxy");
		return this.proxy;
	}

	public Leadership leadership() {
		return this.context.getBean(Leadership.class);
	}

	public FleetDatasets datasets() {
		return (FleetDatasets) this.context.getBean(Datasets.class);
	}

	public <T> Dataset<T> dataset(String name, Class<T> type) {
		return datasets().get(name, type);
	}

	/**
	 * Asks this node's Bellwether health, with details, in-process.
	 * @return the health
	 */
	public Health health() {
		return bean(BellwetherHealthIndicator.class).health(true);
	}

	/**
	 * Asks this node's readiness group, in-process.
	 * @return the status
	 */
	public Status readiness() {
		return bean(HealthEndpoint.class).healthForPath("readiness").getStatus();
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	public boolean isRunning() {
		return this.context.isActive();
	}

	@Override
	public void close() {
		if (this.proxy != null) {
			this.proxy.heal();
		}
		if (this.context.isActive()) {
			this.context.close();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	@Override
	public String toString() {
		return this.nodeId;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class NodeConfiguration {

		@Bean
		ClientResourcesBuilderCustomizer fastReconnect() {
			return (builder) -> builder.reconnectDelay(Delay.constant(Duration.ofMillis(50)));
		}

	}

}
