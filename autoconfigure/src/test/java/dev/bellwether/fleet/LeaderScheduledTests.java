package dev.bellwether.fleet;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.bellwether.schedule.FleetScheduler;
import dev.bellwether.schedule.JobOutcome;
import dev.bellwether.schedule.JobStatus;
import dev.bellwether.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @LeaderScheduled} across an in-JVM fleet against a real redis-server: one run
 * per interval for the whole fleet, through failover, retries and lost leadership.
 */
class LeaderScheduledTests {

	private static final ParameterizedTypeReference<Map<String, BigDecimal>> RATES = new ParameterizedTypeReference<>() {
	};

	private final RedisServer redis = RedisServer.start();

	private final Upstream upstream = new Upstream();

	private final Fleet fleet = new Fleet(this.redis, Upstream.RatesJob.class).share("upstream", this.upstream);

	@AfterEach
	void close() {
		this.upstream.gate.countDown();
		this.fleet.close();
		this.redis.close();
	}

	@Test
	void runsOncePerIntervalForTheFleetAcrossALeaderCutOffMidway() {
		Duration interval = Duration.ofMillis(500);
		Duration window = Duration.ofSeconds(10);
		this.fleet.with("test.rate=500ms").start(5);
		await().until(() -> this.upstream.callCount() > 0);
		long first = this.upstream.calls.get(0);
		long end = first + window.toNanos();
		await().atMost(window).until(() -> System.nanoTime() - (first + window.toNanos() / 2) > 0);
		FleetNode cut = this.fleet.leaders().get(0);
		cut.proxy().cut();
		RevisionWatch watch = new RevisionWatch();
		await().atMost(window.plusSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() -> {
			this.fleet.nodes().forEach((node) -> watch.read(node, node.datasets().get("rates", RATES)));
			return this.upstream.calls.stream().anyMatch((t) -> t - end >= 0);
		});
		long runs = this.upstream.calls.stream().filter((t) -> t - end < 0).count();
		long intervals = window.dividedBy(interval);
		System.out.printf(
				"fleet of 5, interval %d ms, %d s with the leader cut off midway: %d runs for %d intervals"
						+ " (%d reads, no revision went back)%n",
				interval.toMillis(), window.toSeconds(), runs, intervals, watch.reads());
		// Never two runs in one interval; at most the intervals of one crash failover
		// (ttl 1s + renew 300ms, then the overdue run at once) without one.
		assertThat(runs).isBetween(intervals - 3, intervals);
		List<Long> calls = List.copyOf(this.upstream.calls);
		for (int i = 1; i < calls.size(); i++) {
			assertThat(calls.get(i) - calls.get(i - 1)).as("time between runs %d and %d", i - 1, i)
				.isGreaterThan(interval.toNanos() / 2);
		}
		assertThat(this.fleet.leaders()).hasSize(1).doesNotContain(cut);
	}

	@Test
	void aFailingRunIsRetriedWithinItsInterval() {
		this.upstream.failuresToCome.set(2);
		this.fleet.with("test.rate=1h").start(2);
		FleetNode leader = this.fleet.awaitLeader();
		await().untilAsserted(() -> assertThat(leader.datasets().get("rates", RATES).current()).isPresent());
		assertThat(this.upstream.callCount()).isEqualTo(3);
		assertThat(this.redis.commands().hget("bellwether:{fleet}:job:rates", "lastError")).isNull();
		JobStatus status = leader.bean(FleetScheduler.class).jobs().get(0);
		assertThat(status.runs()).containsEntry(JobOutcome.SUCCESS, 1L).containsEntry(JobOutcome.FAILURE, 0L);
	}

	@Test
	void aJobThatKeepsFailingLeavesTheLastGoodDataInPlace() {
		this.fleet.with("test.rate=300ms", "bellwether.job.retry.max-retries=1").start(3);
		await().until(() -> this.fleet.nodes()
			.stream()
			.allMatch((node) -> node.datasets().get("rates", RATES).current().isPresent()));
		this.upstream.failing = true;
		String job = "bellwether:{fleet}:job:rates";
		await().until(() -> this.redis.commands().hget(job, "lastError") != null);
		long good = Long.parseLong(this.redis.commands().hget("bellwether:{fleet}:ds:rates", "rev"));
		await().until(() -> this.fleet.nodes()
			.stream()
			.allMatch((node) -> node.datasets().get("rates", RATES).revision() == good));
		int calls = this.upstream.callCount();
		await().until(() -> this.upstream.callCount() >= calls + 4);
		assertThat(this.redis.commands().hget(job, "lastError")).contains("upstream unavailable");
		FleetNode leader = this.fleet.leaders().get(0);
		await().untilAsserted(() -> assertThat(leader.bean(FleetScheduler.class).jobs().get(0).lastOutcome())
			.isEqualTo(JobOutcome.FAILURE));
		this.fleet.nodes()
			.forEach((node) -> assertThat(node.datasets().get("rates", RATES).revision()).isEqualTo(good));
	}

	@Test
	void aRunThatLosesLeadershipMidwayCannotPublish() {
		this.fleet.with("test.rate=1h").start(3);
		FleetNode old = this.fleet.awaitLeader();
		await().until(() -> old.datasets().get("rates", RATES).current().isPresent());
		long revision = old.datasets().get("rates", RATES).revision();
		this.upstream.gate = new CountDownLatch(1);
		// The last run as if it were long past: the next leader runs at once
		this.redis.commands().hset("bellwether:{fleet}:job:rates", Map.of("lastStart", "1", "lastFinish", "1"));
		old.leadership().stepDown();
		FleetNode next = this.fleet.awaitLeader();
		await().until(() -> this.upstream.callCount() == 2);
		next.proxy().blackhole();
		FleetNode third = await().atMost(Duration.ofSeconds(3))
			.until(() -> this.fleet.leaders().stream().filter((n) -> n != next).findFirst().orElse(null),
					(n) -> n != null);
		this.upstream.gate.countDown();
		next.proxy().heal();
		await().until(() -> next.datasets().refusedPublications() == 1);
		await().pollInterval(Duration.ofMillis(50)).during(Duration.ofSeconds(1)).untilAsserted(() -> {
			List<Long> held = this.fleet.nodes()
				.stream()
				.map((node) -> node.datasets().get("rates", RATES).revision())
				.toList();
			assertThat(held).containsOnly(revision);
		});
		assertThat(this.upstream.callCount()).isEqualTo(2);
		assertThat(third.leadership().isLeader()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "bellwether.store=memory", "bellwether.mode=every-instance" })
	void theInMemoryStoreRunsTheJobOnEachInstanceIntoItsOwnMemoryAsPlainScheduledWould(String setting) {
		this.fleet.with("test.rate=1h", setting).start(3);
		await().until(() -> this.fleet.nodes()
			.stream()
			.allMatch((node) -> node.datasets().get("rates", RATES).current().isPresent()));
		assertThat(this.upstream.callCount()).isEqualTo(3);
		assertThat(this.redis.commands().exists("bellwether:{fleet}:ds:rates")).isZero();
	}

}
