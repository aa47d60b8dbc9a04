package dev.bellwether.leader;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import dev.bellwether.spi.LeaderStore;
import dev.bellwether.spi.LeaderToken;
import dev.bellwether.support.EventLane;
import dev.bellwether.time.FaultyStores.Call;
import dev.bellwether.time.ManualFleet;
import dev.bellwether.time.ManualFleet.Node;
import dev.bellwether.time.ManualFleet.Recorded;

import static dev.bellwether.time.ManualFleet.RENEW;
import static dev.bellwether.time.ManualFleet.TTL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The elector on manual time over the in-memory leader store: no Redis, no sleeping.
 */
class LeaderElectorTests {

	private static final Duration MARGIN = TTL.dividedBy(10);

	@AutoClose
	private final ManualFleet fleet = new ManualFleet();

	private final Node a = this.fleet.node("a");

	private final Node b = this.fleet.node("b");

	@Test
	void leaderStopsCountingItselfLeaderBeforeItsKeyExpiresWhenRenewalsFail() {
		this.fleet.start(this.a, this.b);
		assertThat(this.a.elector.isLeader()).isTrue();
		this.a.faults.leaderUnreachable(true);
		this.fleet.time.advance(TTL.minus(MARGIN).minusNanos(1));
		assertThat(this.a.elector.isLeader()).isTrue();
		this.fleet.time.advance(Duration.ofNanos(1));
		assertThat(this.a.elector.isLeader()).isFalse();
		LeaderStore.Acquisition probe = this.fleet.stores.leader().tryAcquire("probe", 0, TTL);
		assertThat(probe.acquired()).isFalse();
		assertThat(probe.leader()).isEqualTo(new LeaderToken("a", this.a.grantedEpochs().get(0)));
		this.fleet.time.advance(MARGIN.minusMillis(1));
		assertThat(this.b.elector.isLeader()).isFalse();
		this.fleet.time.advance(Duration.ofMillis(2));
		assertThat(this.b.elector.isLeader()).isTrue();
		assertThat(this.b.grantedAt()).isGreaterThan(TTL.toNanos());
	}

	@Test
	void leaderIsRevokedWhenRenewalsStartFailingAfterSuccessfulOnes() {
		this.a.start();
		this.fleet.time.advance(RENEW.plusSeconds(1));
		this.a.faults.leaderUnreachable(true);
		long validUntil = RENEW.plus(TTL).minus(MARGIN).toNanos();
		this.fleet.time.advance(Duration.ofNanos(validUntil - this.fleet.time.read() - 1));
		assertThat(this.a.elector.isLeader()).isTrue();
		this.fleet.time.advance(Duration.ofNanos(1));
		assertThat(this.a.elector.isLeader()).isFalse();
		assertThat(this.a.events).extracting(Recorded::event)
			.last()
			.isInstanceOf(LeadershipRevokedEvent.class)
			.extracting((event) -> ((LeadershipEvent) event).getToken())
			.isEqualTo(new LeaderToken("a", this.a.grantedEpochs().get(0)));
	}

	@Test
	void oneRenewalThatTimesOutDoesNotCostTheLeadership() {
		this.fleet.start(this.a, this.b);
		this.fleet.time.advance(RENEW.minusMillis(1));
		this.a.faults.whileNextAnswerIsOnItsWay(Call.RENEW, () -> {
			this.fleet.time.advance(RENEW);
			throw new IllegalStateException("The renewal timed out");
		});
		this.fleet.time.advance(TTL.plus(RENEW));
		assertThat(this.a.elector.isLeader()).isTrue();
		assertThat(this.b.elector.isLeader()).isFalse();
		assertThat(this.a.events).extracting(Recorded::event).hasOnlyElementsOfType(LeadershipGrantedEvent.class);
		assertThat(this.a.grantedEpochs()).hasSize(1);
	}

	@Test
	void leaderStopsCountingItselfLeaderWhileARenewalHangs() {
		this.fleet.start(this.a, this.b);
		this.a.faults.whileNextAnswerIsOnItsWay(Call.RENEW, () -> {
			for (int step = 0; step < 150; step++) {
				this.fleet.time.advance(Duration.ofMillis(100));
				assertThat(this.a.elector.isLeader() && this.b.elector.isLeader()).as("two leaders").isFalse();
			}
			assertThat(this.a.elector.isLeader()).isFalse();
			assertThat(this.b.elector.isLeader()).isTrue();
		});
		this.fleet.time.advance(TTL.multipliedBy(2));
		assertThat(this.a.elector.isLeader()).isFalse();
		assertThat(this.b.elector.isLeader()).isTrue();
		assertThat(this.a.grantedEpochs()).hasSize(1);
		assertThat(this.b.grantedEpochs()).singleElement().isEqualTo(this.b.elector.epoch());
		assertThat(this.b.elector.epoch()).isGreaterThan(this.a.grantedEpochs().get(0));
	}

	@Test
	void successfulRenewalsKeepTheLeaderLeadingIndefinitely() {
		this.fleet.start(this.a, this.b);
		for (int second = 0; second < 10 * TTL.toSeconds(); second++) {
			this.fleet.time.advance(Duration.ofSeconds(1));
			assertThat(this.a.elector.isLeader()).as("a leads after %ds", second + 1).isTrue();
			assertThat(this.b.elector.isLeader()).as("b leads after %ds", second + 1).isFalse();
		}
		assertThat(this.a.grantedEpochs()).hasSize(1);
		assertThat(this.b.elector.leaderId()).contains("a");
	}

	@Test
	void followerWaitsForTheRemainingTtlInsteadOfPolling() {
		this.fleet.start(this.a, this.b);
		this.fleet.time.advance(TTL.multipliedBy(5));
		// One attempt at start, then about one per ttl; polling every renew interval
		// would make 17.
		assertThat(this.b.faults.acquisitions).hasValueBetween(5, 6);
		assertThat(this.b.elector.isLeader()).isFalse();
	}

	@Test
	void followerTakesOverWithinTtlAfterTheLeaderCrashes() {
		this.fleet.start(this.a, this.b);
		this.fleet.time.advance(Duration.ofSeconds(20));
		long crash = this.fleet.time.read();
		this.a.faults.leaderUnreachable(true);
		for (int step = 0; step < TTL.toMillis() / 100; step++) {
			this.fleet.time.advance(Duration.ofMillis(100));
			assertThat(this.a.elector.isLeader() && this.b.elector.isLeader()).as("two leaders").isFalse();
		}
		assertThat(this.b.elector.isLeader()).isTrue();
		assertThat(this.b.grantedAt()).isBetween(crash, crash + TTL.toNanos());
	}

	@Test
	void releaseAnnouncementWakesTheFollowerAtOnce() {
		this.fleet.start(this.a, this.b);
		this.fleet.time.advance(Duration.ofSeconds(5));
		long first = this.a.elector.epoch();
		long stepDown = this.fleet.time.read();
		assertThat(this.a.elector.stepDown()).isTrue();
		this.fleet.time.runDue();
		assertThat(this.b.elector.isLeader()).isTrue();
		assertThat(this.b.grantedAt()).isEqualTo(stepDown);
		assertThat(this.b.elector.epoch()).isGreaterThan(first);
	}

	@Test
	void releaseAnnouncedWhileTheFollowersAttemptIsInFlightStillWakesIt() {
		this.fleet.start(this.a, this.b);
		AtomicLong stepDown = new AtomicLong(-1);
		this.b.faults.whileNextAnswerIsOnItsWay(Call.ACQUIRE, () -> {
			stepDown.set(this.fleet.time.read());
			this.a.elector.stepDown();
		});
		this.fleet.time.advance(TTL.multipliedBy(2));
		assertThat(stepDown).doesNotHaveValue(-1);
		assertThat(this.b.elector.isLeader()).isTrue();
		assertThat(this.b.grantedAt()).isEqualTo(stepDown.get());
	}

	@Test
	void steppedDownLeaderStaysQuietForOneRenewIntervalThenCompetesAgain() {
		this.a.start();
		this.fleet.time.advance(Duration.ofSeconds(1));
		assertThat(this.a.elector.stepDown()).isTrue();
		int acquisitions = this.a.faults.acquisitions.get();
		this.fleet.time.advance(RENEW.minusNanos(1));
		assertThat(this.a.elector.isLeader()).isFalse();
		assertThat(this.a.faults.acquisitions).hasValue(acquisitions);
		this.fleet.time.advance(Duration.ofNanos(1));
		assertThat(this.a.elector.isLeader()).isTrue();
		assertThat(this.a.faults.acquisitions).hasValue(acquisitions + 1);
	}

	@Test
	void electorLeadsWhateverTheOriginOfItsTicker() {
		// System.nanoTime() may be negative: only differences of readings mean something.
		Ticker negative = () -> this.fleet.time.read() - Long.MAX_VALUE / 2;
		LeaderElector elector = new LeaderElector(this.fleet.stores.leader(), new ElectionSettings("c", TTL, RENEW),
				new EventLane(Runnable::run), (event) -> {
				}, this.fleet.time, negative);
		try {
			elector.start();
			this.fleet.time.runDue();
			assertThat(elector.isLeader()).isTrue();
		}
		finally {
			elector.stop();
		}
	}

	@Test
	void eventsArePublishedInOrderOutsideTheElectorsLock() {
		this.a.start();
		this.a.faults.leaderUnreachable(true);
		this.fleet.time.advance(TTL.minus(MARGIN));
		this.a.faults.leaderUnreachable(false);
		this.fleet.time.advance(TTL);
		assertThat(this.a.events).extracting((recorded) -> recorded.event().getClass().getSimpleName())
			.containsExactly("LeadershipGrantedEvent", "LeadershipRevokedEvent", "LeadershipGrantedEvent");
		List<Long> granted = this.a.grantedEpochs();
		assertThat(this.a.events).extracting((recorded) -> ((LeadershipEvent) recorded.event()).getToken().epoch())
			.containsExactly(granted.get(0), granted.get(0), granted.get(1));
		assertThat(granted.get(1)).isGreaterThan(granted.get(0));
		assertThat(this.a.events).noneMatch(Recorded::underElectorLock);
	}

	@Test
	void epochsStrictlyIncreaseAcrossGrantsEvenWhenTheStoreLosesItsEpoch() {
		this.a.start();
		this.fleet.time.advance(Duration.ofSeconds(1));
		this.a.elector.stepDown();
		this.fleet.time.advance(RENEW);
		assertThat(this.a.elector.isLeader()).isTrue();
		this.fleet.stores.clear();
		this.fleet.time.advance(RENEW);
		assertThat(this.a.elector.isLeader()).isTrue();
		assertThat(this.a.grantedEpochs()).hasSize(3).isSorted().doesNotHaveDuplicates();
		assertThat(this.a.elector.epoch()).isEqualTo(this.a.grantedEpochs().get(2));
	}

}
