package dev.bellwether.benchmarks;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One instance of the {@code @Cacheable} comparison, an application context in whichever
 * JVM runs it: what the benchmark asks of it.
 */
final class CacheInstance {

	/** How often a watch reads the cache: a request every half millisecond. */
	private static final long POLL_NANOS = 500_000;

	/** How long a watch waits for the key to go. */
	static final long WATCH_LIMIT_NANOS = 5_000_000_000L;

	/** What {@link #invisibleAt()} says of a key still served when its watch gave up. */
	static final long STILL_SERVED = Long.MAX_VALUE;

	private final ConfigurableApplicationContext context;

	private final CacheNodes.Quotes quotes;

	private final Cache cache;

	private volatile CompletableFuture<Long> watched = new CompletableFuture<>();

	private CacheInstance(ConfigurableApplicationContext context) {
		this.context = context;
		this.quotes = context.getBean(CacheNodes.Quotes.class);
		this.quotes.quote("warm-up");
		this.cache = context.getBean(CacheManager.class).getCache(CacheNodes.CACHE);
	}

	/**
	 * Starts an instance of a system of {@link CacheNodes#systems()}.
	 * @param system the system's name
	 * @param redisUri its Redis
	 * @param nodeId its node id
	 * @param log where its upstream calls are counted
	 * @return the instance, once it has asked for one key
	 */
	static CacheInstance start(String system, String redisUri, String nodeId, CacheNodes.LoadLog log) {
		return new CacheInstance(
				new SpringApplicationBuilder(CacheNodes.systems().get(system)).web(WebApplicationType.NONE)
					.bannerMode(Banner.Mode.OFF)
					.logStartupInfo(false)
					.initializers((context) -> context.getBeanFactory().registerSingleton("loadLog", log))
					.run(Fleet.arguments(redisUri, nodeId).toArray(String[]::new)));
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	Cache cache() {
		return this.cache;
	}

	void ask(List<String> keys) {
		keys.forEach(this.quotes::quote);
	}

	/**
	 * Asks the service for a key on a thread of its own every half millisecond, as
	 * requests would, until it answers another value than the one it first gave or
	 * {@link #WATCH_LIMIT_NANOS} have passed; {@link #invisibleAt} then says when the
	 * first request that did not get the old value began.
	 */
	void watch(String key) {
		String old = this.quotes.quote(key);
		CompletableFuture<Long> watched = new CompletableFuture<>();
		this.watched = watched;
		Thread poller = new Thread(() -> {
			long limit = System.nanoTime() + WATCH_LIMIT_NANOS;
			while (System.nanoTime() < limit) {
				long began = SyncPayload.nowMicros();
				if (!this.quotes.quote(key).equals(old)) {
					watched.complete(began);
					return;
				}
				LockSupport.parkNanos(POLL_NANOS);
			}
			watched.complete(STILL_SERVED);
		}, "watch-" + key);
		poller.setDaemon(true);
		poller.start();
	}

	/**
	 * When the watched key stopped being served.
	 * @return wall-clock microseconds, or {@link #STILL_SERVED}
	 */
	long invisibleAt() {
		return this.watched.join();
	}

}
