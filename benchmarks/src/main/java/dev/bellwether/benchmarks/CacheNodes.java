package dev.bellwether.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.LocalCachedMapOptions;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

import dev.bellwether.autoconfigure.BellwetherAutoConfiguration;
import dev.bellwether.autoconfigure.BellwetherCacheAutoConfiguration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.support.SimpleCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The three kinds of instance the {@code @Cacheable} comparison runs: the same
 * {@link Quotes} service on Bellwether's cache manager, on Spring Data Redis'
 * {@link RedisCacheManager}, and on Redisson's local cached map.
 */
final class CacheNodes {

	/** The cache every system uses. */
	static final String CACHE = "quotes";

	/** How long the upstream takes to answer a lookup. */
	static final long UPSTREAM_MILLIS = 20;

	private CacheNodes() {
	}

	/** The systems, by the name the command line and the report use. */
	static Map<String, Class<?>> systems() {
		return Map.of("bellwether", BellwetherCacheNode.class, "redis-cache-manager", RedisCacheNode.class,
				"redisson-local-cached-map", RedissonCacheNode.class);
	}

	/** The upstream calls of one JVM, per key. */
	static final class LoadLog {

		private final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();

		void loaded(String key) {
			this.loads.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
		}

		Map<String, Integer> snapshot() {
			Map<String, Integer> copy = new ConcurrentHashMap<>();
			this.loads.forEach((key, count) -> copy.put(key, count.get()));
			return copy;
		}

		void clear() {
			this.loads.clear();
		}

	}

	/**
	 * The application's service: one slow upstream call per key it is asked for, whose
	 * answer names the call, so that a value loaded again is told from the one before.
	 */
	static class Quotes {

		private final AtomicInteger calls = new AtomicInteger();

		private final LoadLog log;

		private final String nodeId;

		Quotes(LoadLog log, String nodeId) {
			this.log = log;
			this.nodeId = nodeId;
		}

		@Cacheable(cacheNames = CACHE, sync = true)
		public String quote(String key) {
			this.log.loaded(key);
			Fleet.pause(UPSTREAM_MILLIS);
			return "quote of " + key + " from " + this.nodeId + " #" + this.calls.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class Service {

		@Bean
		Quotes quotes(LoadLog log, @Value("${bellwether.node-id}") String nodeId) {
			return new Quotes(log, nodeId);
		}

	}

	/** Bellwether's cache manager, with its defaults. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, BellwetherAutoConfiguration.class,
			BellwetherCacheAutoConfiguration.class })
	@Import(Service.class)
	static class BellwetherCacheNode {

	}

	/** Spring Data Redis' cache manager, with its defaults. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(DataRedisAutoConfiguration.class)
	@Import(Service.class)
	static class RedisCacheNode {

		@Bean
		CacheManager cacheManager(RedisConnectionFactory connectionFactory) {
			return RedisCacheManager.create(connectionFactory);
		}

	}

	/**
	 * Redisson's local cached map behind Spring's cache abstraction, as Redisson's own
	 * Spring cache does it (see {@link LocalCachedMapCache}).
	 */
	@Configuration(proxyBeanMethods = false)
	@Import(Service.class)
	static class RedissonCacheNode {

		@Bean(destroyMethod = "shutdown")
		RedissonClient redisson(@Value("${spring.data.redis.url}") String url) {
			Config config = new Config();
			config.useSingleServer().setAddress(url);
			return Redisson.create(config);
		}

		@Bean
		CacheManager cacheManager(RedissonClient redisson) {
			SimpleCacheManager manager = new SimpleCacheManager();
			manager.setCaches(List.of(new LocalCachedMapCache(redisson
				.getLocalCachedMap(LocalCachedMapOptions.<String, String>name(CACHE).codec(StringCodec.INSTANCE)))));
			return manager;
		}

	}

}
