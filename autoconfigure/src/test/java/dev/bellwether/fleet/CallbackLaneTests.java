package dev.bellwether.fleet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.bellwether.data.Dataset;
import dev.bellwether.data.FleetMembership;
import dev.bellwether.leader.Leadership;
import dev.bellwether.leader.LeadershipEvent;
import dev.bellwether.leader.LeadershipGrantedEvent;
import dev.bellwether.leader.LeadershipRevokedEvent;
import dev.bellwether.spi.LeaderToken;
import dev.bellwether.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * User callbacks run on the event lane, in order and never on the election's or Redis'
 * threads: a slow one costs neither the leadership nor other datasets' updates, health,
 * heartbeats or release wake-ups; one that calls back into Bellwether queues what it
 * causes behind itself. The fleet's ttl is 1 s, see {@link FleetNode}.
 */
class CallbackLaneTests {

	private final RedisServer redis = RedisServer.start();

	private final Grants grants = new Grants();

	private Fleet fleet;

	@AfterEach
	void close() {
		if (this.fleet != null) {
			this.fleet.close();
		}
		this.redis.close();
	}

	@Test
	void grantListenerThatTakesFiveSecondsKeepsTheLeadership() {
		this.fleet = new Fleet(this.redis, SlowGrantListener.class).share("grants", this.grants).start(2);
		LeaderToken leader = this.fleet.awaitLeader().leadership().token().orElseThrow();
		await().atMost(Duration.ofSeconds(12))
			.during(Duration.ofSeconds(SlowGrantListener.SECONDS * 2))
			.until(() -> this.fleet.leaders().size() == 1
					&& this.fleet.leaders().get(0).leadership().token().orElseThrow().equals(leader));
		assertThat(this.grants.tokens()).containsExactly(leader);
	}

	@Test
	void slowUpdateListenerHoldsBackNeitherOtherDatasetsNorHeartbeatsNorHealthNorAReleaseWakeUp() {
		this.fleet = new Fleet(this.redis).start(2);
		FleetNode leader = this.fleet.awaitLeader();
		FleetNode follower = this.fleet.followersOf(leader).get(0);
		AtomicBoolean sleeping = new AtomicBoolean();
		follower.dataset("a", String.class).onUpdate((value) -> {
			sleeping.set(true);
			sleep(Duration.ofSeconds(3));
		});
		leader.dataset("a", String.class).publish("a1");
		await().atMost(Duration.ofSeconds(2)).untilTrue(sleeping);
		Dataset<String> b = leader.dataset("b", String.class);
		b.publish("b1");
		await().atMost(Duration.ofSeconds(1)).until(() -> follower.dataset("b", String.class).revision() == 1);
		await().atMost(Duration.ofSeconds(2))
			.until(() -> leader.bean(FleetMembership.class)
				.members()
				.stream()
				.anyMatch((member) -> member.nodeId().equals(follower.nodeId())
						&& Long.valueOf(1).equals(member.revisions().get("b"))));
		long start = System.nanoTime();
		assertThat(follower.health().getStatus()).isEqualTo(Status.UP);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
		assertThat(leader.leadership().stepDown()).isTrue();
		await().atMost(Duration.ofMillis(500)).until(() -> follower.leadership().isLeader());
		assertThat(sleeping).as("still inside the slow listener").isTrue();
	}

	@Test
	void stepDownInAGrantListenerReachesEveryListenerAfterTheGrant() {
		this.fleet = new Fleet(this.redis, SteppingDown.class).start(1);
		FleetNode node = this.fleet.nodes().get(0);
		SteppingDown stepping = node.bean(SteppingDown.class);
		await().until(() -> stepping.heard.size() >= 2);
		assertThat(stepping.heard.subList(0, 2)).extracting(Object::getClass)
			.containsExactly(LeadershipGrantedEvent.class, LeadershipRevokedEvent.class);
		assertThat(stepping.heard.get(1).getToken()).isEqualTo(stepping.heard.get(0).getToken());
	}

	@Test
	void publishInAnUpdateListenerKeepsEveryListenersRevisionsInOrder() {
		this.fleet = new Fleet(this.redis).start(2);
		FleetNode leader = this.fleet.awaitLeader();
		List<Long> seenOnLeader = new CopyOnWriteArrayList<>();
		List<Long> seenOnFollower = new CopyOnWriteArrayList<>();
		Dataset<Long> counter = leader.dataset("counter", Long.class);
		counter.onUpdate((value) -> {
			if (value < 5) {
				counter.publish(value + 1);
			}
		});
		counter.onUpdate(seenOnLeader::add);
		this.fleet.followersOf(leader).get(0).dataset("counter", Long.class).onUpdate(seenOnFollower::add);
		counter.publish(1L);
		await().until(() -> seenOnLeader.contains(5L) && seenOnFollower.contains(5L));
		// A listener that falls behind may skip revisions (only the newest waits), never
		// hear them out of order
		assertThat(seenOnLeader).isSorted().doesNotHaveDuplicates().endsWith(5L);
		assertThat(seenOnFollower).isSorted().doesNotHaveDuplicates().endsWith(5L);
	}

	private static void sleep(Duration duration) {
		try {
			// The fault this test injects: a listener that blocks
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class SlowGrantListener {

		static final int SECONDS = 5;

		@Bean
		ApplicationListener<LeadershipGrantedEvent> slowGrantListener() {
			return (event) -> sleep(Duration.ofSeconds(SECONDS));
		}

	}

	/** Steps down from inside the first grant's listener; a second listener records. */
	@Configuration(proxyBeanMethods = false)
	static class SteppingDown {

		final List<LeadershipEvent> heard = new CopyOnWriteArrayList<>();

		@Bean
		@Order(1)
		ApplicationListener<LeadershipGrantedEvent> stepDownOnFirstGrant(Leadership leadership) {
			AtomicBoolean stepped = new AtomicBoolean();
			return (event) -> {
				if (stepped.compareAndSet(false, true)) {
					leadership.stepDown();
				}
			};
		}

		@Bean
		@Order(2)
		ApplicationListener<LeadershipEvent> recordLeadershipEvents() {
			return this.heard::add;
		}

	}

}
