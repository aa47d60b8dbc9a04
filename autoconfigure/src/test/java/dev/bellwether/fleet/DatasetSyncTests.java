package dev.bellwether.fleet;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import dev.bellwether.data.Dataset;
import dev.bellwether.data.Snapshot;
import dev.bellwether.data.SyncOutcome;
import dev.bellwether.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Datasets across an in-JVM fleet of five instances against a real redis-server: every
 * instance gets every revision in order, and never goes back, through lost messages,
 * fenced-off ex-leaders, a Redis that restarts empty and garbage on the channel. What
 * needs no Redis is {@code data.FleetDatasetsTests}.
 */
class DatasetSyncTests {

	private static final ParameterizedTypeReference<Map<String, BigDecimal>> RATES = new ParameterizedTypeReference<>() {
	};

	private final RedisServer redis = RedisServer.start();

	private final Upstream upstream = new Upstream();

	private final Fleet fleet = new Fleet(this.redis, Upstream.RatesJob.class).share("upstream", this.upstream);

	private final RevisionWatch watch = new RevisionWatch();

	@AfterEach
	void close() {
		this.fleet.close();
		this.redis.close();
	}

	@Test
	void readingADeclaredDatasetNeverTouchesRedis() {
		this.fleet.with("test.rate=1h").start(1);
		FleetNode node = this.fleet.awaitLeader();
		await().until(() -> node.datasets().get("rates", RATES).current().isPresent());
		long before = evalCalls();
		for (int i = 0; i < 10_000; i++) {
			assertThat(node.datasets().get("rates", RATES).current()).isPresent();
		}
		assertThat(evalCalls() - before).as("scripts run while reading 10,000 times").isLessThan(20);
	}

	private long evalCalls() {
		return this.redis.commands()
			.info("commandstats")
			.lines()
			.filter((line) -> line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:"))
			.mapToLong((line) -> Long.parseLong(line.replaceAll(".*calls=(\\d+),.*", "$1")))
			.sum();
	}

	@Test
	void pausedExLeadersPublicationIsRefusedAndFollowersKeepTheNewLeadersData() {
		this.fleet.with("test.rate=1h").start(5);
		FleetNode old = this.fleet.awaitLeader();
		Dataset<String> oldNotes = old.dataset("notes", String.class);
		old.proxy().blackhole();
		CompletableFuture<Boolean> late = CompletableFuture.supplyAsync(() -> oldNotes.publish("stale"));
		FleetNode successor = await().atMost(Duration.ofSeconds(3))
			.until(() -> this.fleet.leaders().stream().filter((n) -> n != old).findFirst().orElse(null),
					(n) -> n != null);
		assertThat(successor.dataset("notes", String.class).publish("fresh")).isTrue();
		old.proxy().heal();
		assertThat(late.handle((landed, failure) -> landed != null && landed).join()).isFalse();
		await().pollInterval(Duration.ofMillis(20)).during(Duration.ofSeconds(2)).untilAsserted(() -> {
			assertThat(this.redis.commands().hget("bellwether:{fleet}:ds:notes", "payload")).isEqualTo("\"fresh\"");
			this.fleet.followersOf(old).forEach((node) -> {
				Snapshot<String> held = this.watch.read(node, node.dataset("notes", String.class));
				assertThat(held).isNotNull();
				assertThat(held.value()).isEqualTo("fresh");
			});
		});
		await().untilAsserted(() -> assertThat(oldNotes.current()).contains("fresh"));
	}

	@Test
	void aFollowerWhoseConnectionsWereCutCatchesUpOnReconnecting() {
		this.fleet.with("test.rate=1h").start(5);
		FleetNode leader = this.fleet.awaitLeader();
		FleetNode follower = this.fleet.followersOf(leader).get(0);
		Dataset<String> notes = leader.dataset("notes", String.class);
		Dataset<String> followerNotes = follower.dataset("notes", String.class);
		notes.publish("one");
		await().until(() -> followerNotes.current().isPresent());
		follower.proxy().cut();
		notes.publish("two");
		notes.publish("three");
		notes.publish("four");
		assertThat(followerNotes.current()).contains("one");
		long healed = System.nanoTime();
		follower.proxy().heal();
		await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5)).untilAsserted(() -> {
			Snapshot<String> held = this.watch.read(follower, followerNotes);
			assertThat(held.value()).isEqualTo("four");
			assertThat(held.revision()).isEqualTo(notes.revision());
		});
		System.out.printf("caught up %.0f ms after reconnecting (verify-interval 1s)%n",
				(System.nanoTime() - healed) / 1e6);
	}

	@Test
	void aMessageLostWithoutDisconnectIsCaughtUpWithinTheVerifyInterval() {
		this.fleet.with("test.rate=1h").start(3);
		FleetNode leader = this.fleet.awaitLeader();
		Dataset<String> notes = leader.dataset("notes", String.class);
		notes.publish("one");
		this.fleet.nodes().forEach((node) -> node.dataset("notes", String.class));
		String key = "bellwether:{fleet}:ds:notes";
		this.redis.commands().hset(key, Map.of("rev", "7", "payload", "\"silent\""));
		await().atMost(Duration.ofMillis(1500))
			.untilAsserted(() -> this.fleet.nodes()
				.forEach((node) -> assertThat(node.dataset("notes", String.class).revision()).isEqualTo(7)));
	}

	@Test
	void redisRestartedEmptyIsReseededByTheLeaderWhileEveryInstanceKeepsServing() {
		this.fleet.with("test.rate=1h").start(5);
		FleetNode leader = this.fleet.awaitLeader();
		await().untilAsserted(() -> this.fleet.nodes()
			.forEach((node) -> assertThat(this.watch.read(node, node.datasets().get("rates", RATES))).isNotNull()));
		String oldStore = leader.datasets().get("rates", RATES).snapshot().orElseThrow().store();
		this.redis.kill();
		this.redis.restart();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).untilAsserted(() -> {
			for (FleetNode node : this.fleet.nodes()) {
				Snapshot<Map<String, BigDecimal>> held = this.watch.read(node, node.datasets().get("rates", RATES));
				assertThat(held.value()).isNotEmpty();
				assertThat(held.store()).isNotEqualTo(oldStore);
			}
		});
		assertThat(this.redis.commands().hget("bellwether:{fleet}:ds:rates", "payload")).contains("EURUSD");
		assertThat(this.upstream.callCount()).isEqualTo(1);
		System.out.printf("re-seeded and converged with %d checked reads%n", this.watch.reads());
	}

	@Test
	void garbageOnTheChannelIsCountedAndDropped() {
		this.fleet.with("test.rate=1h").start(2);
		FleetNode leader = this.fleet.awaitLeader();
		FleetNode follower = this.fleet.followersOf(leader).get(0);
		await().until(() -> follower.datasets().get("rates", RATES).current().isPresent());
		Snapshot<Map<String, BigDecimal>> good = follower.datasets().get("rates", RATES).snapshot().orElseThrow();
		String channel = "bellwether:{fleet}:events";
		byte[] random = new byte[4096];
		ThreadLocalRandom.current().nextBytes(random);
		this.redis.commands().publish(channel, new String(random, StandardCharsets.ISO_8859_1));
		this.redis.commands().publish(channel, "{\"type\":\"dataset\",\"name\":\"rates\"");
		this.redis.commands()
			.publish(channel, "{\"type\":\"dataset\",\"name\":\"rates\",\"store\":\"" + good.store()
					+ "\",\"rev\":999,\"epoch\":1,\"at\":1}\n{\"EURUSD\":\"not a number\"}");
		this.redis.commands()
			.publish(channel, "{\"type\":\"dataset\",\"name\":\"nobody-knows\",\"store\":\"1-a\",\"rev\":1}\n{}");
		this.redis.commands()
			.publish(channel, "{\"type\":\"dataset\",\"name\":\"rates\",\"store\":\"" + good.store()
					+ "\",\"rev\":1000,\"epoch\":1,\"at\":1}\n\"" + "x".repeat(20 * 1024 * 1024) + "\"");
		await().untilAsserted(() -> {
			assertThat(follower.datasets().messages(SyncOutcome.MALFORMED)).isEqualTo(3);
			assertThat(follower.datasets().messages(SyncOutcome.REJECTED)).isEqualTo(2);
		});
		assertThat(follower.datasets().get("rates", RATES).snapshot()).contains(good);
		// The 20 MB message keeps Redis and both JVMs busy: on a loaded machine the
		// leader can miss its renewal and hand over, so whoever leads now publishes, and
		// both nodes, each of which was sent the garbage, must hear it
		await().until(() -> this.fleet.leaders()
			.stream()
			.anyMatch((node) -> node.datasets().get("notes", String.class).publish("still listening")));
		await().untilAsserted(() -> assertThat(this.fleet.nodes())
			.allSatisfy((node) -> assertThat(node.datasets().get("notes", String.class).current())
				.contains("still listening")));
	}

}
