package dev.bellwether.leader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.bellwether.spi.LeaderToken;
import dev.bellwether.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leader election against a real redis-server, five electors with their own connections,
 * each behind its own fault-injecting proxy.
 */
class LeaderElectionTests {

	private static final Duration TTL = Duration.ofSeconds(1);

	private static final Duration RENEW = Duration.ofMillis(300);

	private static final String GROUP = "election-test";

	private final RedisServer redis = RedisServer.start();

	private final List<ElectionNode> nodes = new ArrayList<>();

	@AfterEach
	void close() {
		this.nodes.forEach(ElectionNode::close);
		this.redis.close();
	}

	@Test
	void fiveElectorsElectOneLeaderAndNeverTwoThroughChurn() {
		startNodes(5);
		await().atMost(RENEW).pollInterval(Duration.ofMillis(1)).until(() -> leaders().size() == 1);
		ScheduledExecutorService churn = Executors.newSingleThreadScheduledExecutor();
		AtomicInteger handovers = new AtomicInteger();
		churn.scheduleWithFixedDelay(() -> {
			leaders().forEach((node) -> {
				if (handovers.incrementAndGet() % 5 == 0) {
					node.proxy.cut();
					node.proxy.heal();
				}
				else {
					node.elector.stepDown();
				}
			});
		}, 700, 700, TimeUnit.MILLISECONDS);
		try {
			await().pollInterval(Duration.ofMillis(1))
				.during(Duration.ofSeconds(30))
				.atMost(Duration.ofSeconds(31))
				.until(() -> leaders().size() <= 1);
		}
		finally {
			churn.shutdownNow();
		}
		assertThat(handovers.get()).isGreaterThanOrEqualTo(20);
		assertThat(allGrantedEpochsInOrder()).hasSizeGreaterThanOrEqualTo(20).isSorted().doesNotHaveDuplicates();
	}

	@Test
	void gracefulReleaseHandsOverWithin200Millis() {
		startNodes(5);
		ElectionNode leader = awaitOneLeader();
		long stopped = System.nanoTime();
		leader.elector.stop();
		await().atMost(Duration.ofMillis(200))
			.pollInterval(Duration.ofMillis(1))
			.until(() -> leaders().size() == 1 && !leaders().contains(leader));
		System.out.printf("graceful handoff: %.1f ms%n", (System.nanoTime() - stopped) / 1e6);
	}

	@Test
	void vanishedLeaderIsReplacedWithinTtlPlusRenewAndStopsFirst() {
		startNodes(5);
		ElectionNode old = awaitOneLeader();
		long cut = System.nanoTime();
		old.proxy.cut();
		ElectionNode successor = await().atMost(TTL.plus(RENEW))
			.pollInterval(Duration.ofMillis(1))
			.until(() -> leaders().stream().filter((n) -> n != old).findFirst().orElse(null), (n) -> n != null);
		await().until(
				() -> successor.hasEvent(LeadershipGrantedEvent.class) && old.hasEvent(LeadershipRevokedEvent.class));
		long revoked = old.lastEventNanos(LeadershipRevokedEvent.class);
		long granted = successor.lastEventNanos(LeadershipGrantedEvent.class);
		assertThat(revoked).isLessThan(granted);
		assertThat(old.elector.isLeader()).isFalse();
		System.out.printf("crash failover: %.1f ms, old leader stopped %.1f ms before the new one started%n",
				(granted - cut) / 1e6, (granted - revoked) / 1e6);
	}

	@Test
	void blackholedLeaderStopsBeforeItsKeyExpiresAndCannotRenewAfterwards() {
		startNodes(5);
		ElectionNode old = awaitOneLeader();
		LeaderToken oldToken = new LeaderToken(old.elector.nodeId(), old.elector.epoch());
		old.proxy.blackhole();
		await().atMost(TTL).pollInterval(Duration.ofMillis(1)).until(() -> {
			assertThat(leaders().size()).isLessThanOrEqualTo(1);
			return !old.elector.isLeader();
		});
		assertThat(this.redis.commands().get("bellwether:{" + GROUP + "}:leader")).isEqualTo(oldToken.toString());
		ElectionNode successor = await().atMost(TTL.plus(RENEW)).pollInterval(Duration.ofMillis(1)).until(() -> {
			List<ElectionNode> leaders = leaders();
			assertThat(leaders.size()).isLessThanOrEqualTo(1);
			return leaders.isEmpty() ? null : leaders.get(0);
		}, (n) -> n != null);
		assertThat(successor).isNotSameAs(old);
		old.proxy.heal();
		await().pollInterval(Duration.ofMillis(1))
			.during(TTL.multipliedBy(2))
			.atMost(TTL.multipliedBy(3))
			.until(() -> !old.elector.isLeader() && leaders().equals(List.of(successor)));
		assertThat(old.store.renew(oldToken, TTL)).isFalse();
		assertThat(old.grantedEpochs()).containsExactly(oldToken.epoch());
	}

	@Test
	void killedRedisStopsEveryLeaderAndARestartedEmptyRedisElectsAHigherEpoch() {
		startNodes(5);
		awaitOneLeader();
		this.redis.kill();
		await().atMost(TTL).pollInterval(Duration.ofMillis(1)).until(() -> leaders().isEmpty());
		await().pollInterval(Duration.ofMillis(1))
			.during(TTL.multipliedBy(2))
			.atMost(TTL.multipliedBy(3))
			.until(() -> leaders().isEmpty());
		long before = allGrantedEpochsInOrder().get(allGrantedEpochsInOrder().size() - 1);
		this.redis.restart();
		await().atMost(TTL.plus(RENEW)).pollInterval(Duration.ofMillis(1)).until(() -> leaders().size() == 1);
		long after = Long.parseLong(this.redis.commands().get("bellwether:{" + GROUP + "}:epoch"));
		assertThat(after).isGreaterThan(before);
		await().untilAsserted(
				() -> assertThat(allGrantedEpochsInOrder()).isSorted().doesNotHaveDuplicates().last().isEqualTo(after));
	}

	private void startNodes(int count) {
		IntStream.range(0, count)
			.mapToObj((i) -> new ElectionNode(this.redis, GROUP, "node-" + i, TTL, RENEW))
			.forEach(this.nodes::add);
		this.nodes.forEach(ElectionNode::start);
	}

	private ElectionNode awaitOneLeader() {
		return await().atMost(TTL.plus(RENEW)).pollInterval(Duration.ofMillis(1)).until(() -> {
			List<ElectionNode> leaders = leaders();
			return (leaders.size() == 1) ? leaders.get(0) : null;
		}, (n) -> n != null);
	}

	private List<ElectionNode> leaders() {
		return this.nodes.stream().filter((n) -> n.elector.isLeader()).toList();
	}

	private List<Long> allGrantedEpochsInOrder() {
		return this.nodes.stream()
			.flatMap((n) -> n.events.stream())
			.filter((e) -> e.event() instanceof LeadershipGrantedEvent)
			.sorted(Comparator.comparingLong(ElectionNode.TimedEvent::nanos))
			.map((e) -> ((LeadershipGrantedEvent) e.event()).getToken().epoch())
			.toList();
	}

}
