package dev.bellwether.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

import dev.bellwether.memory.InMemoryStores;
import dev.bellwether.spi.LoadStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cache.Cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A fleet of cache managers over one in-memory store: loads once per key, waits, removals
 * in step.
 */
class BellwetherCacheManagerTests {

	private static final Duration TTL = Duration.ofMinutes(1);

	private final InMemoryStores stores = InMemoryStores.create(Clock.systemUTC(), Runnable::run);

	private final ExecutorService callers = Executors.newCachedThreadPool();

	@AfterEach
	void close() {
		this.callers.shutdownNow();
		this.stores.close();
	}

	@Test
	void concurrentMissesOnEveryInstanceLoadTheKeyOnceForTheFleet() throws Exception {
		List<Cache> fleet = List.of(cache("node-1"), cache("node-2"), cache("node-3"));
		AtomicInteger loads = new AtomicInteger();
		CountDownLatch upstream = new CountDownLatch(1);
		List<CompletableFuture<String>> answers = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			Cache cache = fleet.get(i % 3);
			answers.add(CompletableFuture.supplyAsync(() -> cache.get("EUR", () -> {
				loads.incrementAndGet();
				upstream.await();
				return "terms of EUR";
			}), this.callers));
		}
		await().until(() -> counters(fleet).stream().mapToLong(LoadCounters::waits).sum() == 11);
		upstream.countDown();
		for (CompletableFuture<String> answer : answers) {
			assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("terms of EUR");
		}
		assertThat(loads).hasValue(1);
	}

	@Test
	void aMissThroughGetAndPutClaimsTheLoadUntilThePut() {
		Cache one = cache("node-1");
		Cache two = cache("node-2");
		assertThat(one.get("EUR")).isNull();
		CompletableFuture<Cache.ValueWrapper> waiting = CompletableFuture.supplyAsync(() -> two.get("EUR"),
				this.callers);
		await().until(() -> counters(List.of(two)).get(0).waits() == 1);
		one.put("EUR", "terms of EUR");
		assertThat(waiting.join()).extracting(Cache.ValueWrapper::get).isEqualTo("terms of EUR");
	}

	@Test
	void aLoaderThatThrowsCachesNothingAndTheNextMissLoadsAtOnce() {
		Cache one = cache("node-1");
		Cache two = cache("node-2");
		assertThatExceptionOfType(Cache.ValueRetrievalException.class).isThrownBy(() -> one.get("EUR", () -> {
			throw new IllegalStateException("upstream refused");
		}));
		assertThat(two.get("EUR", () -> "terms of EUR")).isEqualTo("terms of EUR");
		assertThat(counters(List.of(two)).get(0).waits()).isZero();
		assertThat(one.get("EUR", () -> "loaded again")).isEqualTo("terms of EUR");
	}

	@Test
	void aWaiterWhoseLoaderNeverAnswersTakesTheLoadOverWhenItsLeaseEnds() {
		Cache one = cache("node-1", Duration.ofMillis(200));
		Cache two = cache("node-2", Duration.ofMillis(200));
		assertThat(one.get("EUR")).isNull();
		assertThat(two.get("EUR", () -> "loaded by node-2")).isEqualTo("loaded by node-2");
		assertThat(counters(List.of(two)).get(0)).satisfies((counters) -> {
			assertThat(counters.waits()).isEqualTo(1);
			assertThat(counters.loads()).isEqualTo(1);
		});
		assertThat(one.get("EUR")).extracting(Cache.ValueWrapper::get).isEqualTo("loaded by node-2");
	}

	@Test
	void anEvictionOnOneInstanceRemovesTheValueFromEvery() {
		Cache one = cache("node-1");
		Cache two = cache("node-2");
		one.put("EUR", "old terms");
		assertThat(two.get("EUR")).extracting(Cache.ValueWrapper::get).isEqualTo("old terms");
		one.evict("EUR");
		assertThat(two.get("EUR", () -> "new terms")).isEqualTo("new terms");
		assertThat(one.get("EUR")).extracting(Cache.ValueWrapper::get).isEqualTo("new terms");
	}

	@Test
	void aLoadClaimedBeforeAnEvictionDoesNotBringTheOldValueBack() {
		Cache one = cache("node-1");
		Cache two = cache("node-2");
		assertThat(one.get("EUR")).isNull();
		two.evict("EUR");
		one.put("EUR", "loaded before the eviction");
		assertThat(two.get("EUR", () -> "loaded after it")).isEqualTo("loaded after it");
	}

	@Test
	void aClearOnOneInstanceEmptiesEvery() {
		Cache one = cache("node-1");
		Cache two = cache("node-2");
		one.put("EUR", "terms of EUR");
		one.put("USD", "terms of USD");
		assertThat(two.get("USD")).isNotNull();
		two.clear();
		assertThat(one.get("EUR", () -> "again")).isEqualTo("again");
		assertThat(((FleetLoadCache) two).size()).isZero();
	}

	@Test
	void aCopyLivesNoLongerThanTheEntryItWasReadFrom() {
		this.stores.loads().put("terms", "EUR", "\"terms of EUR\"".getBytes(), Duration.ofMillis(300));
		FleetLoadCache two = (FleetLoadCache) cache("node-2");
		assertThat(two.get("EUR")).extracting(Cache.ValueWrapper::get).isEqualTo("terms of EUR");
		await().atMost(Duration.ofSeconds(10)).until(() -> two.get("EUR", () -> "loaded again").equals("loaded again"));
	}

	@Test
	void theNearCacheCountsWhatItServedAsHits() {
		FleetLoadCache one = (FleetLoadCache) cache("node-1");
		one.put("EUR", "terms of EUR");
		assertThat(one.get("EUR")).isNotNull();
		assertThat(one.get("EUR", () -> "loaded")).isEqualTo("terms of EUR");
		assertThat(one.get("USD", () -> "terms of USD")).isEqualTo("terms of USD");
		assertThat(one.getNativeCache().stats().hitCount()).isEqualTo(2);
		assertThat(one.getNativeCache().stats().missCount()).isEqualTo(1);
	}

	@Test
	void aValueThatDoesNotDecodeIsACountedMiss() {
		Cache one = cache("node-1");
		this.stores.loads().put("terms", "EUR", "{not json".getBytes(), TTL);
		assertThat(one.get("EUR", () -> "loaded")).isEqualTo("loaded");
		assertThat(counters(List.of(one)).get(0).undecodableValues()).isEqualTo(1);
	}

	@Test
	void aStoreThatFailsLetsEachInstanceLoadForItself() {
		LoadStore failing = new FailingLoadStore();
		BellwetherCacheManager manager = new BellwetherCacheManager(failing, "node-1", JsonMapper.shared(),
				(name) -> settings(Duration.ofSeconds(5)), List.of());
		Cache cache = manager.getCache("terms");
		assertThat(cache.get("EUR", () -> "loaded here")).isEqualTo("loaded here");
		assertThat(cache.get("EUR")).extracting(Cache.ValueWrapper::get).isEqualTo("loaded here");
		assertThat(counters(List.of(cache)).get(0).storeFailures()).isEqualTo(2);
	}

	private Cache cache(String nodeId) {
		return cache(nodeId, Duration.ofSeconds(10));
	}

	private Cache cache(String nodeId, Duration wait) {
		BellwetherCacheManager manager = new BellwetherCacheManager(this.stores.loads(), nodeId, JsonMapper.shared(),
				(name) -> settings(wait), List.of());
		return manager.getCache("terms");
	}

	private static BellwetherCacheManager.Settings settings(Duration wait) {
		return new BellwetherCacheManager.Settings(100, TTL, wait, true, String.class);
	}

	private static List<LoadCounters> counters(List<Cache> caches) {
		return caches.stream().map((cache) -> ((FleetLoadCache) cache).counters()).toList();
	}

}
