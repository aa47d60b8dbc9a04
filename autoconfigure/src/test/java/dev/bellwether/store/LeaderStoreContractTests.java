package dev.bellwether.store;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.bellwether.leader.LeaderStore;
import dev.bellwether.leader.LeaderToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link dev.bellwether.leader.LeaderStore} contract, run against every backend.
 */
abstract class LeaderStoreContractTests extends StoreContract {

	@Test
	void acquireTakesAFreeLeadershipAndAnnouncesItToEverySubscriber() {
		Recorder mine = new Recorder().subscribeTo(this.one);
		Recorder theirs = new Recorder().subscribeTo(this.other);
		LeaderStore.Acquisition acquisition = this.one.leader().tryAcquire("node-a", 0, TTL);
		assertThat(acquisition.acquired()).isTrue();
		assertThat(acquisition.leader()).isEqualTo(new LeaderToken("node-a", 1));
		assertThat(acquisition.remaining()).isEqualTo(TTL);
		await().untilAsserted(() -> {
			assertThat(mine.leadership()).containsExactly("elected node-a#1");
			assertThat(theirs.leadership()).containsExactly("elected node-a#1");
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
		assertThat(second.epoch()).isEqualTo(first.epoch() + 1);
	}

	@Test
	void epochIsAboveTheCallersMinEpoch() {
		LeaderStore.Acquisition acquisition = this.one.leader().tryAcquire("node-a", 41, TTL);
		assertThat(acquisition.leader()).isEqualTo(new LeaderToken("node-a", 42));
		assertThat(this.one.leader().release(acquisition.leader())).isTrue();
		assertThat(lead(this.other, "node-b").epoch()).isEqualTo(43);
	}

	@Test
	void epochIsAboveTheHighestSeenAfterTheStoreLostIt() {
		this.one.leader().tryAcquire("node-a", 6, TTL);
		backend().empty();
		LeaderStore.Acquisition acquisition = this.other.leader().tryAcquire("node-b", 7, TTL);
		assertThat(acquisition.acquired()).isTrue();
		assertThat(acquisition.leader()).isEqualTo(new LeaderToken("node-b", 8));
	}

	@Test
	void epochStartsOverWhenTheStoreLostItAndNobodySawOne() {
		this.one.leader().tryAcquire("node-a", 6, TTL);
		backend().empty();
		assertThat(lead(this.other, "node-b").epoch()).isEqualTo(1);
	}

	@Test
	void leadershipExpiresWithoutRenewal() {
		LeaderToken[] tokens = replaceLeader();
		assertThat(tokens[1]).isEqualTo(new LeaderToken("node-b", tokens[0].epoch() + 1));
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
			assertThat(mine.leadership()).containsExactly("elected node-a#1", "released node-a#1");
			assertThat(theirs.leadership()).containsExactly("elected node-a#1", "released node-a#1");
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
		for (int i = 1; i <= 20; i++) {
			this.one.leader().release(lead(this.one, "node-" + i));
		}
		await().until(() -> theirs.leadership().size() == 40);
		for (int i = 1; i <= 20; i++) {
			assertThat(theirs.leadership().subList(2 * i - 2, 2 * i)).containsExactly("elected node-" + i + "#" + i,
					"released node-" + i + "#" + i);
		}
	}

}
