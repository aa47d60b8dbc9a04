package dev.bellwether.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.bellwether.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code @Cacheable} across an in-JVM fleet against a real redis-server: one upstream
 * load per key for the whole fleet, evictions seen everywhere, and a hung Redis that
 * leaves each instance to load for itself.
 */
class CacheableFleetTests {

	private final RedisServer redis = RedisServer.start();

	private final Terms upstream = new Terms();

	private final Fleet fleet = new Fleet(this.redis, TermsApplication.class).share("upstream", this.upstream);

	private final ExecutorService callers = Executors.newFixedThreadPool(12);

	@AfterEach
	void close() {
		this.callers.shutdownNow();
		this.fleet.close();
		this.redis.close();
	}

	@Test
	void concurrentMissesOnEveryInstanceLoadEachKeyOnceForTheFleet() throws Exception {
		List<TermsLookup> lookups = this.fleet.start(3)
			.nodes()
			.stream()
			.map((node) -> node.bean(TermsLookup.class))
			.toList();
		List<CompletableFuture<String>> answers = new ArrayList<>();
		for (int caller = 0; caller < 12; caller++) {
			TermsLookup lookup = lookups.get(caller % 3);
			answers.add(CompletableFuture.supplyAsync(() -> IntStream.range(0, 20)
				.mapToObj((customer) -> lookup.terms("C" + customer))
				.reduce("", String::concat), this.callers));
		}
		for (CompletableFuture<String> answer : answers) {
			assertThat(answer.get(30, TimeUnit.SECONDS)).contains("terms of C19");
		}
		assertThat(this.upstream.calls).hasSize(20).allSatisfy((customer, calls) -> assertThat(calls).hasValue(1));
	}

	@Test
	void anEvictionOnOneInstanceIsSeenByEvery() {
		List<FleetNode> nodes = this.fleet.start(2).nodes();
		TermsLookup one = nodes.get(0).bean(TermsLookup.class);
		TermsLookup two = nodes.get(1).bean(TermsLookup.class);
		assertThat(one.terms("C1")).isEqualTo("terms of C1 (1)");
		assertThat(two.terms("C1")).isEqualTo("terms of C1 (1)");
		one.changed("C1");
		// The other instance drops its copy when the eviction's announcement reaches it
		await().until(() -> two.terms("C1"), "terms of C1 (2)"::equals);
		assertThat(one.terms("C1")).isEqualTo("terms of C1 (2)");
		assertThat(this.upstream.calls.get("C1")).hasValue(2);
	}

	@Test
	void aHungRedisLeavesEachInstanceToLoadForItself() {
		TermsLookup lookup = this.fleet.start(1).nodes().get(0).bean(TermsLookup.class);
		this.redis.pause();
		try {
			assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
				assertThat(lookup.terms("C1")).isEqualTo("terms of C1 (1)");
				assertThat(lookup.terms("C1")).isEqualTo("terms of C1 (1)");
			});
		}
		finally {
			this.redis.resume();
		}
		assertThat(lookup.terms("C2")).isEqualTo("terms of C2 (1)");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class TermsApplication {

		@Bean
		TermsLookup termsLookup(Terms upstream) {
			return new TermsLookup(upstream);
		}

	}

	/** The upstream, shared by the fleet: it counts its calls per customer. */
	static class Terms {

		final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

		String of(String customer) {
			int call = this.calls.computeIfAbsent(customer, (key) -> new AtomicInteger()).incrementAndGet();
			return "terms of " + customer + " (" + call + ")";
		}

	}

	static class TermsLookup {

		private final Terms upstream;

		TermsLookup(Terms upstream) {
			this.upstream = upstream;
		}

		@Cacheable("terms")
		public String terms(String customer) {
			return this.upstream.of(customer);
		}

		@CacheEvict("terms")
		public void changed(String customer) {
		}

	}

}
