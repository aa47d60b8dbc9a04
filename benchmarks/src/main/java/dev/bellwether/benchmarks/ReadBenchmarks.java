package dev.bellwether.benchmarks;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.bellwether.data.Dataset;
import dev.bellwether.data.Datasets;
import dev.bellwether.data.FleetCache;
import dev.bellwether.data.FleetCaches;
import dev.bellwether.leader.Leadership;
import dev.bellwether.test.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a read costs: {@code Dataset.current()} and a {@code FleetCache.get()} hit, both
 * in memory, against a Redis {@code GET} through Lettuce on loopback.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReadBenchmarks {

	private RedisServer redis;

	private ConfigurableApplicationContext context;

	private Dataset<String> dataset;

	private FleetCache<String, String> cache;

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	private RedisCommands<String, String> commands;

	@Setup(Level.Trial)
	public void start() throws InterruptedException {
		this.redis = RedisServer.start();
		this.context = new SpringApplicationBuilder(Nodes.ReaderNode.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run("--spring.data.redis.url=" + this.redis.uri(), "--spring.application.name=jmh",
					"--logging.level.root=warn");
		Leadership leadership = this.context.getBean(Leadership.class);
		while (!leadership.isLeader()) {
			Thread.sleep(10);
		}
		this.dataset = this.context.getBean(Datasets.class).get("rates", String.class);
		this.dataset.publish("{\"EURUSD\":1.0842}");
		this.cache = this.context.getBean(FleetCaches.class).get("quotes", String.class, String.class, 1000);
		this.cache.put("EURUSD", "1.0842");
		this.cache.get("EURUSD");
		this.client = RedisClient.create(this.redis.uri());
		this.connection = this.client.connect();
		this.commands = this.connection.sync();
		this.commands.set("EURUSD", "1.0842");
	}

	@Benchmark
	public Optional<String> datasetCurrent() {
		return this.dataset.current();
	}

	@Benchmark
	public Optional<String> fleetCacheGet() {
		return this.cache.get("EURUSD");
	}

	@Benchmark
	public String redisGet() {
		return this.commands.get("EURUSD");
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.connection.close();
		this.client.shutdown();
		this.context.close();
		this.redis.close();
	}

	static Map<String, String> names() {
		return Map.of("datasetCurrent", "Dataset.current()", "fleetCacheGet", "FleetCache.get() (hit)", "redisGet",
				"Redis GET via Lettuce (loopback)");
	}

}
