package dev.bellwether.fleet;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import dev.bellwether.test.RedisServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an in-JVM fleet running a 500 ms job does while its real redis-server hangs, is
 * unreachable or is not there at all: health answers at once, the leader steps down in
 * time, shutdown does not wait, a leader is back within ttl + renew interval once Redis
 * answers again and data flows, with no revision going back, epochs only growing and no
 * interval with two upstream calls ({@link FailoverWatch}); and an instance started
 * without Redis joins when it answers. The application's command timeout is a minute
 * throughout: the bounds are the library's own.
 */
class RedisFaultTests {

	private static final Duration TTL = Duration.ofSeconds(1);

	private static final Duration RENEW = Duration.ofMillis(300);

	/**
	 * How long the leader may lead on a Redis it cannot reach: its validity, and some.
	 */
	/**
	 * The leader's validity (ttl − ttl/10) after its last renewal, plus a renew interval
	 * of scheduling latency on a shared CI machine: the exact margin is checked on manual
	 * time by LeaderElectorTests.
	 */
	private static final Duration STEP_DOWN = TTL.minus(TTL.dividedBy(10)).plus(RENEW);

	private static final String GROUP = "standalone";

	private static final ParameterizedTypeReference<Map<String, BigDecimal>> RATES = new ParameterizedTypeReference<>() {
	};

	private final RedisServer redis = RedisServer.start();

	private final Upstream upstream = new Upstream();

	private final Grants grants = new Grants();

	private final Fleet fleet = new Fleet(this.redis, Upstream.RatesJob.class).share("upstream", this.upstream)
		.share("grants", this.grants)
		.with("spring.data.redis.timeout=60s", "test.rate=" + FailoverWatch.INTERVAL.toMillis() + "ms",
				"bellwether.group=" + GROUP);

	private @Nullable FailoverWatch watch;

	@AfterEach
	void close() {
		if (this.watch != null) {
			this.watch.close();
		}
		this.redis.resume();
		this.fleet.close();
		this.redis.close();
	}

	@Test
	void healthAnswersAtOnceTheLeaderStepsDownAndComesBackWhileRedisIsPausedAndResumed() {
		FailoverWatch watch = watchedFleet();
		long paused = System.nanoTime();
		watch.fault();
		this.redis.pause();
		watch.stopAFollower();
		Duration steppedDown = holdTheFault(paused);
		System.out.printf("SIGSTOP: the leader stopped leading %d ms after the pause%n", steppedDown.toMillis());
		assertThat(steppedDown).isLessThan(STEP_DOWN);
		assertRedisDownAndDataHeld();
		this.redis.resume();
		watch.failedOver(this.redis);
		watch.awaitRecovery();
		watch.report("standalone, SIGSTOP for 2× ttl, then SIGCONT", TTL.plus(RENEW));
	}

	@Test
	void healthAnswersAtOnceTheLeaderStepsDownAndComesBackWhileEveryConnectionIsBlackholedAndHealed() {
		FailoverWatch watch = watchedFleet();
		long blackholed = System.nanoTime();
		watch.fault();
		this.fleet.nodes().forEach((node) -> node.proxy().blackhole());
		watch.stopAFollower();
		Duration steppedDown = holdTheFault(blackholed);
		System.out.printf("Blackhole: the leader stopped leading %d ms after the blackhole%n", steppedDown.toMillis());
		assertThat(steppedDown).isLessThan(STEP_DOWN);
		assertRedisDownAndDataHeld();
		this.fleet.nodes().forEach((node) -> node.proxy().heal());
		watch.failedOver(this.redis);
		watch.awaitRecovery();
		watch.report("standalone, every connection blackholed for 2× ttl, then healed", TTL.plus(RENEW));
	}

	@Test
	void shutdownOfTheLeaderDoesNotWaitOnAPausedRedis() {
		FleetNode leader = startedFleet(2);
		this.redis.pause();
		long closing = System.nanoTime();
		leader.context().close();
		Duration shutdown = Duration.ofNanos(System.nanoTime() - closing);
		System.out.printf("context.close() of the leader during SIGSTOP took %d ms%n", shutdown.toMillis());
		assertThat(shutdown).isLessThan(FailoverWatch.SHUTDOWN_BOUND);
	}

	@Test
	void anInstanceStartedWhileRedisIsDownStartsAndJoinsWhenItAnswers() {
		this.redis.stop();
		FleetNode node = this.fleet.add();
		assertThat(node.isRunning()).isTrue();
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(node.health().getDetails()).containsEntry("redis", "DOWN"));
		assertThat(timed(node::readiness)).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(node.leadership().isLeader()).isFalse();
		long started = System.nanoTime();
		this.redis.restart();
		await().atMost(Duration.ofSeconds(15)).until(() -> node.leadership().isLeader());
		await().atMost(Duration.ofSeconds(15)).until(() -> node.datasets().get("rates", RATES).current().isPresent());
		assertThat(node.readiness()).isEqualTo(Status.UP);
		assertThat(node.health().getDetails()).containsEntry("redis", "UP");
		System.out.printf("Started without Redis: leading and holding the data %d ms after redis-server started%n",
				Duration.ofNanos(System.nanoTime() - started).toMillis());
	}

	/** Starts a fleet of three and watches it until it runs the job steadily. */
	private FailoverWatch watchedFleet() {
		this.fleet.start(3);
		this.watch = new FailoverWatch(this.fleet, this.upstream, this.grants, GROUP);
		this.watch.awaitSteady();
		return this.watch;
	}

	private FleetNode startedFleet(int size) {
		this.fleet.start(size);
		FleetNode leader = this.fleet.awaitLeader();
		await().until(() -> this.fleet.nodes()
			.stream()
			.allMatch((node) -> node.datasets().get("rates", RATES).current().isPresent()));
		return leader;
	}

	/**
	 * Waits until no node leads, then holds the fault until 2× ttl after it began,
	 * checking that no node leads meanwhile.
	 * @param since when the fault began
	 * @return how long the leader led after the fault began
	 */
	private Duration holdTheFault(long since) {
		Duration fault = TTL.multipliedBy(2);
		await().atMost(fault).pollInterval(Duration.ofMillis(5)).until(this::nobodyLeads);
		Duration steppedDown = Duration.ofNanos(System.nanoTime() - since);
		Duration rest = fault.minus(steppedDown);
		if (!rest.isNegative() && !rest.isZero()) {
			await().during(rest).atMost(rest.plus(TTL)).pollInterval(Duration.ofMillis(20)).until(this::nobodyLeads);
		}
		return steppedDown;
	}

	/** Whether no running node leads; the follower closing during the fault does not. */
	private boolean nobodyLeads() {
		return this.fleet.running().stream().noneMatch((node) -> {
			try {
				return node.leadership().isLeader();
			}
			catch (RuntimeException ex) {
				return false;
			}
		});
	}

	private void assertRedisDownAndDataHeld() {
		this.fleet.running().forEach((node) -> {
			assertThat(node.health().getDetails()).containsEntry("redis", "DOWN");
			assertThat(node.datasets().get("rates", RATES).current()).as("data stays as held").isPresent();
		});
	}

	private static <T> T timed(java.util.function.Supplier<T> call) {
		long start = System.nanoTime();
		T result = call.get();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FailoverWatch.HEALTH_BOUND);
		return result;
	}

}
