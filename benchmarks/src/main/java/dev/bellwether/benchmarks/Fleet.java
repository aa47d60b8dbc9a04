package dev.bellwether.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.bellwether.test.RedisServer;
import dev.bellwether.test.TcpProxy;
import io.lettuce.core.resource.ClientResources;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A fleet of application contexts in this JVM, each with its own Redis connections
 * through its own proxy (so one can be cut off as if it crashed), started one after the
 * other at random intervals so their schedules run in random phases.
 */
final class Fleet implements AutoCloseable {

	private final List<Instance> instances = new ArrayList<>();

	private final ClientResources resources = ClientResources.create();

	Fleet(RedisServer redis, int size, Class<?> node, Map<String, Object> shared, String... properties) {
		for (int i = 0; i < size; i++) {
			TcpProxy proxy = TcpProxy.start(redis.port());
			List<String> args = new ArrayList<>(List.of("--spring.data.redis.url=redis://127.0.0.1:" + proxy.port(),
					"--spring.application.name=bench", "--bellwether.node-id=node-" + i,
					"--spring.main.banner-mode=off"));
			args.addAll(List.of(properties));
			ConfigurableApplicationContext context = new SpringApplicationBuilder(node).web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.initializers((ctx) -> {
					shared.forEach(ctx.getBeanFactory()::registerSingleton);
					ctx.getBeanFactory().registerSingleton("lettuceClientResources", this.resources);
				})
				.run(args.toArray(String[]::new));
			this.instances.add(new Instance(i, proxy, context));
			pause(ThreadLocalRandom.current().nextInt(10, 60));
		}
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

	record Instance(int index, TcpProxy proxy, ConfigurableApplicationContext context) {

		void close() {
			this.proxy.heal();
			if (this.context.isActive()) {
				this.context.close();
			}
			this.proxy.close();
		}

	}

}
