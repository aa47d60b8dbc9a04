package dev.bellwether.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.bellwether.test.RedisServer;
import io.lettuce.core.resource.ClientResources;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A fleet of application contexts in this JVM, each with its own Redis connections,
 * started one after the other at random intervals so their schedules run in random
 * phases.
 */
final class Fleet implements AutoCloseable {

	private final List<Instance> instances = new ArrayList<>();

	private final ClientResources resources = ClientResources.create();

	Fleet(RedisServer redis, int size, Class<?> node, Map<String, Object> shared, String... properties) {
		for (int i = 0; i < size; i++) {
			List<String> args = arguments(redis.uri(), "node-" + i);
			args.addAll(List.of(properties));
			ConfigurableApplicationContext context = new SpringApplicationBuilder(node).web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.initializers((ctx) -> {
					shared.forEach(ctx.getBeanFactory()::registerSingleton);
					ctx.getBeanFactory().registerSingleton("lettuceClientResources", this.resources);
				})
				.run(args.toArray(String[]::new));
			this.instances.add(new Instance(i, context));
			pause(ThreadLocalRandom.current().nextInt(10, 60));
		}
	}

	/** The command line of one instance: its Redis, group and node id, quiet logs. */
	static List<String> arguments(String redisUri, String nodeId) {
		return new ArrayList<>(List.of("--spring.data.redis.url=" + redisUri, "--spring.application.name=bench",
				"--bellwether.node-id=" + nodeId, "--spring.main.banner-mode=off", "--logging.level.io.lettuce=off",
				"--logging.level.org.springframework.data.redis=off", "--logging.level.dev.bellwether=error",
				"--logging.level.net.javacrumbs=error", "--logging.level.org.redisson=warn"));
	}

	int size() {
		return this.instances.size();
	}

	List<Instance> instances() {
		return this.instances.stream().filter((instance) -> instance.context().isActive()).toList();
	}

	@Override
	public void close() {
		this.instances.forEach(Instance::close);
		this.resources.shutdown();
	}

	static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record Instance(int index, ConfigurableApplicationContext context) {

		/**
		 * Crashes the instance as far as Redis can tell: its connections close at once
		 * and it cannot open new ones, so it releases nothing; without Redis, it stops.
		 */
		void crash() {
			RedisConnectionFactory redis = this.context.getBeanProvider(RedisConnectionFactory.class).getIfAvailable();
			if (redis instanceof LettuceConnectionFactory lettuce) {
				lettuce.destroy();
			}
			else {
				this.context.close();
			}
		}

		void close() {
			if (this.context.isActive()) {
				this.context.close();
			}
		}

	}

}
