package dev.bellwether.spi;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link dev.bellwether.spi.LeaderStore} contract, run against every backend.
 */
abstract class LeaderStoreContractTests extends StoreContract {

	@Test
	void acquireTakesAFreeLeadershipAndAnnouncesItToEverySubscriber() {
		Recorder mine = new Recorder().subscribeTo(this.one);
		Recorder theirs = new Recorder().subscribeTo(this.other);
		LeaderStore.Acquisition acquisition = this.one.leader().tryAcquire("node-a", 0, TTL);
		assertThat(acquisition.acquired()).isTrue();
		assertThat(acquisition.leader().nodeId()).isEqualTo("node-a");
		assertThat(acquisition.leader().epoch()).isPositive();
		assertThat(acquisition.remaining()).isEqualTo(TTL);
		await().untilAsserted(() -> {
			assertThat(mine.leadership()).containsExactly("elected " + acquisition.leader());
			assertThat(theirs.leadership()).containsExactly("elected " + acquisition.leader());
		});
	}

	@Test
	void failedAcquireReturnsTheLeaderAndItsRemainingTtl() {
		LeaderToken leader = lead(this.one, "node-a");
		LeaderStore.Acquisition acquisition = this.other.leader().tryAcquire("node-b", 0, Duration.ofSeconds(3));
		assertThat(acquisition.acquired()).isFalse();
		assertThat(acquisition.leader()).isEqualTo(leader);
		assertThat(acquisition.remaining()).isBetween(TTL.minusSeconds(2), TTL);
	}

	@Test
	void epochGrowsWithEveryAcquisition() {
		LeaderToken first = lead(this.one, "node-a");
		assertThat(this.one.leader().release(first)).isTrue();
		LeaderToken second = lead(this.other, "node-b");
		assertThat(second.epoch()).isGreaterThan(first.epoch());
	}

	@Test
	void epochIsAtLeastTheStoresClockInMicroseconds() {
		long before = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
		assertThat(lead(this.one, "node-a").epoch()).isGreaterThanOrEqualTo(before);
	}

	@Test
	void epochIsAboveTheCallersMinEpoch() {
		LeaderToken first = lead(this.one, "node-a");
		assertThat(this.one.leader().release(first)).isTrue();
		long min = first.epoch() + 40;
		LeaderStore.Acquisition acquisition = this.one.leader().tryAcquire("node-a", min, TTL);
		assertThat(acquisition.leader().epoch()).isGreaterThan(min);
		assertThat(this.one.leader().release(acquisition.leader())).isTrue();
		assertThat(lead(this.other, "node-b").epoch()).isGreaterThan(acquisition.leader().epoch());
	}

	@Test
	void epochIsAboveTheHighestSeenAfterTheStoreLostIt() {
		// above any clock in microseconds, below 2^53 (Lua's numbers are doubles)
		long seen = 4_000_000_000_000_000L;
		this.one.leader().tryAcquire("node-a", seen - 1, TTL);
		backend().empty();
		LeaderStore.Acquisition acquisition = this.other.leader().tryAcquire("node-b", seen, TTL);
		assertThat(acquisition.acquired()).isTrue();
		assertThat(acquisition.leader()).isEqualTo(new LeaderToken("node-b", seen + 1));
	}

	@Test
	void epochStaysAboveEveryEarlierOneWhenTheStoreLostItAndNobodySawOne() {
		LeaderToken before = lead(this.one, "node-a");
		backend().empty();
		assertThat(lead(this.other, "node-b").epoch()).isGreaterThan(before.epoch());
	}

	@Test
	void leadershipExpiresWithoutRenewal() {
		LeaderToken[] tokens = replaceLeader();
		assertThat(tokens[1].nodeId()).isEqualTo("node-b");
		assertThat(tokens[1].epoch()).isGreaterThan(tokens[0].epoch());
	}

	@Test
	void renewExtendsTheLeadershipByTheNewTtl() {
		LeaderToken leader = this.one.leader().tryAcquire("node-a", 0, SHORT_TTL).leader();
		assertThat(this.one.leader().renew(leader, TTL)).isTrue();
		assertThat(this.other.leader().tryAcquire("node-b", 0, TTL).remaining()).isGreaterThan(TTL.minusSeconds(2));
	}

	@Test
	void renewIsRefusedForAReplacedToken() {
		LeaderToken[] tokens = replaceLeader();
		assertThat(this.one.leader().renew(tokens[0], TTL)).isFalse();
		assertThat(this.one.leader().tryAcquire("node-c", 0, TTL).leader()).isEqualTo(tokens[1]);
	}

	@Test
	void renewIsRefusedForAnotherNodesToken() {
		LeaderToken leader = lead(this.one, "node-a");
		assertThat(this.other.leader().renew(new LeaderToken("node-b", leader.epoch()), TTL)).isFalse();
		assertThat(this.other.leader().renew(new LeaderToken("node-a", leader.epoch() + 1), TTL)).isFalse();
	}

	@Test
	void releaseFreesTheLeadershipAndAnnouncesItToEverySubscriber() {
		Recorder mine = new Recorder().subscribeTo(this.one);
		Recorder theirs = new Recorder().subscribeTo(this.other);
		LeaderToken leader = lead(this.one, "node-a");
		assertThat(this.one.leader().release(leader)).isTrue();
		await().untilAsserted(() -> {
			assertThat(mine.leadership()).containsExactly("elected " + leader, "released " + leader);
			assertThat(theirs.leadership()).containsExactly("elected " + leader, "released " + leader);
		});
		assertThat(this.other.leader().tryAcquire("node-b", 0, TTL).acquired()).isTrue();
	}

	@Test
	void releaseIsRefusedForAReplacedToken() {
		LeaderToken[] tokens = replaceLeader();
		assertThat(this.one.leader().release(tokens[0])).isFalse();
		assertThat(this.one.leader().tryAcquire("node-c", 0, TTL).leader()).isEqualTo(tokens[1]);
	}

	@Test
	void announcementsArriveInTheOrderOfTheChanges() {
		Recorder theirs = new Recorder().subscribeTo(this.other);
		List<LeaderToken> leaders = new ArrayList<>();
		for (int i = 1; i <= 20; i++) {
			leaders.add(lead(this.one, "node-" + i));
			this.one.leader().release(leaders.get(i - 1));
		}
		await().until(() -> theirs.leadership().size() == 40);
		for (int i = 1; i <= 20; i++) {
			LeaderToken leader = leaders.get(i - 1);
			assertThat(theirs.leadership().subList(2 * i - 2, 2 * i)).containsExactly("elected " + leader,
					"released " + leader);
		}
	}

}
