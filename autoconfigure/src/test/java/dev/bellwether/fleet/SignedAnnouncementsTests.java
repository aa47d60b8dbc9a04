package dev.bellwether.fleet;

import java.math.BigDecimal;
import java.util.Map;

import dev.bellwether.data.FleetCache;
import dev.bellwether.data.FleetCaches;
import dev.bellwether.data.Snapshot;
import dev.bellwether.data.SyncOutcome;
import dev.bellwether.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fleet whose announcements are signed ({@code bellwether.security.signing-key}):
 * signed ones apply as before, anything another Redis client publishes on the channel is
 * rejected, counted and dropped; an instance without the key says so.
 */
@ExtendWith(OutputCaptureExtension.class)
class SignedAnnouncementsTests {

	private static final ParameterizedTypeReference<Map<String, BigDecimal>> RATES = new ParameterizedTypeReference<>() {
	};

	private static final String CHANNEL = "bellwether:{fleet}:events";

	private final RedisServer redis = RedisServer.start();

	private final Upstream upstream = new Upstream();

	private final Fleet fleet = new Fleet(this.redis, Upstream.RatesJob.class).share("upstream", this.upstream)
		.with("test.rate=1h", "bellwether.sync.verify-interval=1h",
				"bellwether.security.signing-key=a-shared-secret-of-at-least-32-bytes");

	@AfterEach
	void close() {
		this.fleet.close();
		this.redis.close();
	}

	@Test
	void forgedAnnouncementsAreRejectedAndCountedWhileSignedOnesApply() {
		this.fleet.start(2);
		FleetNode leader = this.fleet.awaitLeader();
		FleetNode follower = this.fleet.followersOf(leader).get(0);
		await().until(() -> follower.datasets().get("rates", RATES).current().isPresent());
		Snapshot<Map<String, BigDecimal>> good = follower.datasets().get("rates", RATES).snapshot().orElseThrow();
		String forged = "{\"type\":\"dataset\",\"name\":\"rates\",\"store\":\"" + good.store()
				+ "\",\"rev\":999,\"epoch\":99,\"at\":1}\n{\"EURUSD\":\"0.01\"}";
		assertThat(this.redis.commands().publish(CHANNEL, forged)).isEqualTo(2);
		this.redis.commands().publish(CHANNEL, "hmac-sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n" + forged);
		this.redis.commands().publish(CHANNEL, "{\"type\":\"released\",\"leader\":\"" + leader.nodeId() + "#1\"}");
		await().untilAsserted(() -> assertThat(follower.datasets().messages(SyncOutcome.REJECTED)).isEqualTo(3));
		assertThat(follower.datasets().get("rates", RATES).snapshot()).contains(good);
		assertThat(leader.leadership().isLeader()).isTrue();
		// The first revision may reach the follower by the read its declaration makes,
		// the
		// second only by the channel
		follower.dataset("notes", String.class);
		assertThat(leader.dataset("notes", String.class).publish("first")).isTrue();
		await().untilAsserted(() -> assertThat(follower.dataset("notes", String.class).current()).contains("first"));
		long applied = follower.datasets().messages(SyncOutcome.APPLIED);
		assertThat(leader.dataset("notes", String.class).publish("signed")).isTrue();
		await().untilAsserted(() -> assertThat(follower.dataset("notes", String.class).current()).contains("signed"));
		assertThat(follower.datasets().messages(SyncOutcome.APPLIED)).as("applied from the channel")
			.isEqualTo(applied + 1);
		assertThat(follower.datasets().messages(SyncOutcome.MALFORMED)).isZero();
		assertThat(follower.datasets().messages(SyncOutcome.REJECTED)).isEqualTo(3);
	}

	@Test
	void anInstanceWithoutTheKeyRejectsSignedMessagesAndSaysWhy(CapturedOutput output) {
		this.fleet.start(1);
		FleetNode leader = this.fleet.awaitLeader();
		try (Fleet keyless = new Fleet(this.redis, Upstream.RatesJob.class).share("upstream", this.upstream)
			.with("test.rate=1h", "bellwether.sync.verify-interval=1h")) {
			FleetNode without = keyless.start(1).nodes().get(0);
			await().until(() -> without.datasets().get("rates", RATES).current().isPresent());
			assertThat(leader.dataset("notes", String.class).publish("signed")).isTrue();
			await().until(() -> without.datasets().messages(SyncOutcome.REJECTED) > 0);
			assertThat(without.datasets().messages(SyncOutcome.MALFORMED)).isZero();
			assertThat(output).contains("and this instance has no bellwether.security.signing-key: set the group's key"
					+ " on every instance");
		}
	}

	@Test
	void signedCacheChangesAndHandoversReachTheFollowers() {
		this.fleet.start(2);
		FleetNode leader = this.fleet.awaitLeader();
		FleetNode follower = this.fleet.followersOf(leader).get(0);
		FleetCache<String, String> quotes = leader.bean(FleetCaches.class)
			.get("quotes", String.class, String.class, 10);
		FleetCache<String, String> followerQuotes = follower.bean(FleetCaches.class)
			.get("quotes", String.class, String.class, 10);
		quotes.put("EURUSD", "1.08");
		assertThat(followerQuotes.get("EURUSD")).contains("1.08");
		quotes.put("EURUSD", "1.09");
		await().untilAsserted(() -> assertThat(followerQuotes.get("EURUSD")).contains("1.09"));
		long start = System.nanoTime();
		leader.leadership().stepDown();
		await().until(() -> follower.leadership().isLeader());
		assertThat((System.nanoTime() - start) / 1_000_000).as("handover in ms, ttl 1000 ms").isLessThan(500);
		assertThat(follower.datasets().messages(SyncOutcome.REJECTED)).isZero();
		assertThat(this.redis.commands().hget("bellwether:{fleet}:ds:rates", "payload")).contains("EURUSD");
	}

}
