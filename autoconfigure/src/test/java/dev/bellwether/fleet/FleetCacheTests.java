package dev.bellwether.fleet;

import java.math.BigDecimal;
import java.util.stream.IntStream;

import dev.bellwether.data.FleetCache;
import dev.bellwether.data.FleetCaches;
import dev.bellwether.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link FleetCache} across an in-JVM fleet against a real redis-server.
 */
class FleetCacheTests {

	private final RedisServer redis = RedisServer.start();

	private final Fleet fleet = new Fleet(this.redis).with("bellwether.sync.verify-interval=1h");

	@AfterEach
	void close() {
		this.fleet.close();
		this.redis.close();
	}

	@Test
	void aFollowerReadsThroughOnAMissAndThenHitsLocally() {
		this.fleet.start(3);
		FleetNode leader = this.fleet.awaitLeader();
		FleetCache<String, Quote> quotes = quotes(leader);
		assertThat(quotes.put("EURUSD", new Quote("EURUSD", new BigDecimal("1.0842")))).isTrue();
		FleetCache<String, Quote> followerQuotes = quotes(this.fleet.followersOf(leader).get(0));
		assertThat(followerQuotes.get("EURUSD")).contains(new Quote("EURUSD", new BigDecimal("1.0842")));
		assertThat(followerQuotes.get("EURUSD")).isPresent();
		assertThat(followerQuotes.get("GBPUSD")).isEmpty();
		assertThat(followerQuotes.stats().hitCount()).isEqualTo(1);
		assertThat(followerQuotes.stats().missCount()).isEqualTo(2);
	}

	@Test
	void theLeadersWritesReachTheFollowersThatHoldTheEntry() {
		this.fleet.start(3);
		FleetNode leader = this.fleet.awaitLeader();
		FleetCache<String, Quote> quotes = quotes(leader);
		quotes.put("EURUSD", new Quote("EURUSD", BigDecimal.ONE));
		FleetCache<String, Quote> followerQuotes = quotes(this.fleet.followersOf(leader).get(0));
		assertThat(followerQuotes.get("EURUSD")).contains(new Quote("EURUSD", BigDecimal.ONE));
		quotes.put("EURUSD", new Quote("EURUSD", BigDecimal.TEN));
		await().untilAsserted(
				() -> assertThat(followerQuotes.get("EURUSD")).contains(new Quote("EURUSD", BigDecimal.TEN)));
		assertThat(followerQuotes.stats().missCount()).isEqualTo(1);
		quotes.remove("EURUSD");
		await().untilAsserted(() -> assertThat(followerQuotes.estimatedSize()).isZero());
		assertThat(followerQuotes.get("EURUSD")).isEmpty();
	}

	@Test
	void aFollowerCannotWrite() {
		this.fleet.start(2);
		FleetNode leader = this.fleet.awaitLeader();
		FleetCache<String, Quote> followerQuotes = quotes(this.fleet.followersOf(leader).get(0));
		assertThat(followerQuotes.put("EURUSD", new Quote("EURUSD", BigDecimal.ONE))).isFalse();
		assertThat(this.redis.commands().exists("bellwether:{fleet}:cache:quotes")).isZero();
	}

	@Test
	void eachInstanceHoldsAtMostTheMaximumSize() {
		this.fleet.start(2);
		FleetNode leader = this.fleet.awaitLeader();
		FleetCache<String, Quote> quotes = quotes(leader);
		IntStream.range(0, 100).forEach((i) -> quotes.put("P" + i, new Quote("P" + i, BigDecimal.valueOf(i))));
		FleetCache<String, Quote> followerQuotes = quotes(this.fleet.followersOf(leader).get(0));
		IntStream.range(0, 100).forEach((i) -> assertThat(followerQuotes.get("P" + i)).isPresent());
		await().untilAsserted(() -> assertThat(followerQuotes.estimatedSize()).isLessThanOrEqualTo(10));
		assertThat(followerQuotes.stats().evictionCount()).isGreaterThanOrEqualTo(90);
	}

	private static FleetCache<String, Quote> quotes(FleetNode node) {
		return node.bean(FleetCaches.class).get("quotes", String.class, Quote.class, 10);
	}

	record Quote(String pair, BigDecimal mid) {
	}

}
