package dev.bellwether.fleet;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.bellwether.data.Snapshot;
import dev.bellwether.data.SyncOutcome;
import dev.bellwether.test.RedisServer;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fleet in the middle of a rolling upgrade: what a newer Bellwether writes in a newer
 * format is dropped by this one, a message counted as malformed, a record read as absent,
 * and every instance keeps the data it holds.
 */
class FormatVersionTests {

	private static final ParameterizedTypeReference<Map<String, BigDecimal>> RATES = new ParameterizedTypeReference<>() {
	};

	private static final String CHANNEL = "bellwether:{fleet}:events";

	private final RedisServer redis = RedisServer.start();

	private final Upstream upstream = new Upstream();

	private final Fleet fleet = new Fleet(this.redis, Upstream.RatesJob.class).share("upstream", this.upstream)
		.with("test.rate=1h", "bellwether.sync.verify-interval=1s");

	@AfterEach
	void close() {
		this.fleet.close();
		this.redis.close();
	}

	@Test
	void aMessageOrARecordOfANewerFormatIsDroppedAndTheDataKept() {
		this.fleet.start(2);
		FleetNode leader = this.fleet.awaitLeader();
		FleetNode follower = this.fleet.followersOf(leader).get(0);
		await().until(() -> follower.datasets().get("rates", RATES).current().isPresent());
		Snapshot<Map<String, BigDecimal>> held = follower.datasets().get("rates", RATES).snapshot().orElseThrow();
		this.redis.commands()
			.publish(CHANNEL, "{\"v\":2,\"type\":\"dataset\",\"name\":\"rates\",\"store\":\"" + held.store()
					+ "\",\"rev\":999,\"epoch\":1,\"at\":1}\n{\"EURUSD\":\"0.01\"}");
		await().until(() -> follower.datasets().messages(SyncOutcome.MALFORMED) == 1);
		this.redis.commands()
			.hset("bellwether:{fleet}:ds:rates", Map.of("v", "2", "rev", "1000", "payload", "{\"EURUSD\":\"0.02\"}"));
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(follower.datasets().get("rates", RATES).snapshot()).contains(held));
		assertThat(leader.datasets().get("rates", RATES).snapshot()).contains(held);
	}

}
