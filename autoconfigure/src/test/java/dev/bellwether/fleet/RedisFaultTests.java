package dev.bellwether.fleet;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.bellwether.actuate.BellwetherHealthIndicator;
import dev.bellwether.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an in-JVM fleet does while its real redis-server hangs, is unreachable or is not
 * there at all: health answers at once, the leader steps down in time, shutdown does not
 * wait, and an instance started without Redis joins when it answers. The application's
 * command timeout is a minute throughout: the bounds are the library's own.
 */
class RedisFaultTests {

	private static final Duration TTL = Duration.ofSeconds(1);

	private static final Duration RENEW = Duration.ofMillis(300);

	/** The 100 ms, asserted with a generous margin for a shared CI machine. */
	private static final Duration HEALTH_BOUND = Duration.ofMillis(500);

	private static final ParameterizedTypeReference<Map<String, BigDecimal>> RATES = new ParameterizedTypeReference<>() {
	};

	private final RedisServer redis = RedisServer.start();

	private final Fleet fleet = new Fleet(this.redis, Upstream.RatesJob.class).share("upstream", new Upstream())
		.with("spring.data.redis.timeout=60s", "test.rate=1h");

	@AfterEach
	void close() {
		this.redis.resume();
		this.fleet.close();
		this.redis.close();
	}

	@Test
	void healthAnswersAtOnceAndTheLeaderStepsDownWhileRedisIsPaused() {
		FleetNode leader = startedFleet();
		long paused = System.nanoTime();
		this.redis.pause();
		AtomicLong steppedDown = new AtomicLong();
		Duration slowest = healthDuring(TTL.multipliedBy(2), () -> {
			if (steppedDown.get() == 0 && !leader.leadership().isLeader()) {
				steppedDown.set(System.nanoTime());
			}
		});
		Duration leading = Duration.ofNanos(steppedDown.get() - paused);
		System.out.printf("SIGSTOP: slowest health answer %d ms; the leader stopped leading %d ms after the pause%n",
				slowest.toMillis(), leading.toMillis());
		assertThat(slowest).isLessThan(HEALTH_BOUND);
		assertThat(steppedDown.get()).as("the leader stepped down").isNotZero();
		assertThat(leading).isLessThan(TTL.minus(TTL.dividedBy(10)).plus(Duration.ofMillis(100)));
		this.fleet.nodes().forEach((node) -> assertThat(health(node).getDetails()).containsEntry("redis", "DOWN"));
		this.fleet.nodes()
			.forEach((node) -> assertThat(node.datasets().get("rates", RATES).current()).as("data stays as held")
				.isPresent());
		long resumed = System.nanoTime();
		this.redis.resume();
		Duration leaderless = awaitLeaderWithin(TTL.plus(RENEW), resumed);
		System.out.printf("SIGCONT: a leader again %d ms after the resume (bound %d ms)%n", leaderless.toMillis(),
				TTL.plus(RENEW).toMillis());
	}

	@Test
	void healthAnswersAtOnceWhileEveryConnectionIsBlackholed() {
		startedFleet();
		this.fleet.nodes().forEach((node) -> node.proxy().blackhole());
		Duration slowest = healthDuring(TTL.multipliedBy(2), () -> {
		});
		System.out.printf("Blackhole: slowest health answer %d ms%n", slowest.toMillis());
		assertThat(slowest).isLessThan(HEALTH_BOUND);
		assertThat(this.fleet.leaders()).isEmpty();
		this.fleet.nodes().forEach((node) -> assertThat(health(node).getDetails()).containsEntry("redis", "DOWN"));
		long healed = System.nanoTime();
		this.fleet.nodes().forEach((node) -> node.proxy().heal());
		Duration leaderless = awaitLeaderWithin(TTL.plus(RENEW), healed);
		System.out.printf("Heal: a leader again %d ms after the heal (bound %d ms)%n", leaderless.toMillis(),
				TTL.plus(RENEW).toMillis());
	}

	@Test
	void shutdownDoesNotWaitOnAPausedRedis() {
		FleetNode leader = startedFleet();
		this.redis.pause();
		long closing = System.nanoTime();
		leader.context().close();
		Duration shutdown = Duration.ofNanos(System.nanoTime() - closing);
		System.out.printf("context.close() of the leader during SIGSTOP took %d ms%n", shutdown.toMillis());
		assertThat(shutdown).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void anInstanceStartedWhileRedisIsDownStartsAndJoinsWhenItAnswers() {
		this.redis.stop();
		FleetNode node = this.fleet.add();
		assertThat(node.isRunning()).isTrue();
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(health(node).getDetails()).containsEntry("redis", "DOWN"));
		assertThat(timed(() -> readiness(node))).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(node.leadership().isLeader()).isFalse();
		long started = System.nanoTime();
		this.redis.restart();
		await().atMost(Duration.ofSeconds(15)).until(() -> node.leadership().isLeader());
		await().atMost(Duration.ofSeconds(15)).until(() -> node.datasets().get("rates", RATES).current().isPresent());
		assertThat(readiness(node)).isEqualTo(Status.UP);
		assertThat(health(node).getDetails()).containsEntry("redis", "UP");
		System.out.printf("Started without Redis: leading and holding the data %d ms after redis-server started%n",
				Duration.ofNanos(System.nanoTime() - started).toMillis());
	}

	private FleetNode startedFleet() {
		this.fleet.start(2);
		FleetNode leader = this.fleet.awaitLeader();
		await().until(() -> this.fleet.nodes()
			.stream()
			.allMatch((node) -> node.datasets().get("rates", RATES).current().isPresent()));
		return leader;
	}

	/** Asks every node's health for the given time; returns the slowest answer. */
	private Duration healthDuring(Duration period, Runnable each) {
		AtomicLong slowest = new AtomicLong();
		await().during(period).atMost(period.multipliedBy(3)).pollInterval(Duration.ofMillis(20)).until(() -> {
			for (FleetNode node : this.fleet.nodes()) {
				long start = System.nanoTime();
				health(node);
				readiness(node);
				slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
			}
			each.run();
			return true;
		});
		return Duration.ofNanos(slowest.get());
	}

	private Duration awaitLeaderWithin(Duration bound, long since) {
		await().atMost(bound.multipliedBy(3))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> this.fleet.leaders().size() == 1);
		return Duration.ofNanos(System.nanoTime() - since);
	}

	private static <T> T timed(java.util.function.Supplier<T> call) {
		long start = System.nanoTime();
		T result = call.get();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HEALTH_BOUND);
		return result;
	}

	private static Health health(FleetNode node) {
		return node.bean(BellwetherHealthIndicator.class).health(true);
	}

	private static Status readiness(FleetNode node) {
		return node.bean(HealthEndpoint.class).healthForPath("readiness").getStatus();
	}

}
