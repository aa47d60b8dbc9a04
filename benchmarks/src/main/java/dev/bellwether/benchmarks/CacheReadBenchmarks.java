package dev.bellwether.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.bellwether.test.RedisServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.cache.Cache;

/**
 * What a hit costs on an instance that holds the key: {@code Cache.get(key)}, and the
 * whole {@code @Cacheable} call through Spring's proxy, for each system of the
 * comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheReadBenchmarks {

	@Param({ "bellwether", "redis-cache-manager", "redisson-local-cached-map" })
	public String system;

	private RedisServer redis;

	private CacheInstance instance;

	private Cache cache;

	private CacheNodes.Quotes quotes;

	@Setup(Level.Trial)
	public void start() {
		this.redis = RedisServer.start();
		this.instance = CacheInstance.start(this.system, this.redis.uri(), "jmh", new CacheNodes.LoadLog());
		this.cache = this.instance.cache();
		this.quotes = this.instance.context().getBean(CacheNodes.Quotes.class);
		this.quotes.quote("EURUSD");
	}

	@Benchmark
	public Cache.ValueWrapper cacheGet() {
		return this.cache.get("EURUSD");
	}

	@Benchmark
	public String cacheableCall() {
		return this.quotes.quote("EURUSD");
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.instance.context().close();
		this.redis.close();
	}

}
