package dev.bellwether.spi;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link JobStore} contract, run against every backend.
 */
abstract class JobStoreContractTests extends StoreContract {

	@Test
	void jobNeverRunReadsAsZeroesAndTheStoresClock() {
		long before = System.currentTimeMillis();
		JobStore.State state = this.one.jobs().read("refresh");
		assertThat(state.now()).isBetween(before - 1000, System.currentTimeMillis() + 1000);
		assertThat(state).usingRecursiveComparison()
			.ignoringFields("now")
			.isEqualTo(new JobStore.State(0, 0, 0, 0, null, null, 0, false, 0));
	}

	@Test
	void startRecordsTheTimeTheNodeAndTheEpoch() {
		LeaderToken leader = lead(this.one, "node-a");
		long started = started(this.one.jobs().start(leader, "refresh"));
		JobStore.State state = this.other.jobs().read("refresh");
		assertThat(started).isPositive().isLessThanOrEqualTo(state.now());
		assertThat(state).usingRecursiveComparison()
			.ignoringFields("now")
			.isEqualTo(new JobStore.State(0, started, 0, 0, null, "node-a", leader.epoch(), false, 0));
	}

	@Test
	void startIsAnnouncedToEveryInstanceWithItsTimeAndThePause() {
		LeaderToken leader = lead(this.one, "node-a");
		Recorder mine = new Recorder().subscribeTo(this.one);
		Recorder theirs = new Recorder().subscribeTo(this.other);
		this.other.jobs().pause("refresh", true);
		long started = started(this.one.jobs().start(leader, "refresh", false));
		for (Recorder recorder : List.of(mine, theirs)) {
			await().untilAsserted(() -> assertThat(recorder.heard(JobStore.Control.class)).containsExactly(
					new JobStore.Control("refresh", true, 0), new JobStore.Control("refresh", true, 0, started)));
		}
	}

	@Test
	void refusedStartIsNotAnnounced() {
		LeaderToken[] tokens = replaceLeader();
		Recorder theirs = new Recorder().subscribeTo(this.other);
		assertThat(this.one.jobs().start(tokens[0], "refresh")).isInstanceOf(JobStore.Fenced.class);
		this.other.jobs().pause("refresh", true);
		awaitEachHeardOnly(new JobStore.Control("refresh", true, 0), theirs);
	}

	@Test
	void failedRunRecordsItsErrorAndKeepsTheLastSuccess() {
		LeaderToken leader = lead(this.one, "node-a");
		this.one.jobs().start(leader, "refresh");
		this.one.jobs().finish(leader, "refresh", null);
		long success = this.one.jobs().read("refresh").lastSuccess();
		long started = started(this.one.jobs().start(leader, "refresh"));
		this.one.jobs().finish(leader, "refresh", "upstream said 503");
		JobStore.State state = this.other.jobs().read("refresh");
		assertThat(success).isPositive();
		assertThat(state.lastStart()).isEqualTo(started);
		assertThat(state.lastFinish()).isGreaterThanOrEqualTo(started);
		assertThat(state.lastSuccess()).isEqualTo(success);
		assertThat(state.lastError()).isEqualTo("upstream said 503");
	}

	@Test
	void successfulRunRecordsItsEndAsLastSuccessAndClearsTheError() {
		LeaderToken leader = lead(this.one, "node-a");
		this.one.jobs().start(leader, "refresh");
		this.one.jobs().finish(leader, "refresh", "timeout");
		long started = started(this.one.jobs().start(leader, "refresh"));
		this.one.jobs().finish(leader, "refresh", null);
		JobStore.State state = this.other.jobs().read("refresh");
		assertThat(state.lastFinish()).isGreaterThanOrEqualTo(started).isEqualTo(state.lastSuccess());
		assertThat(state.lastError()).isNull();
	}

	@Test
	void startIsRefusedForAReplacedToken() {
		LeaderToken[] tokens = replaceLeader();
		long started = started(this.other.jobs().start(tokens[1], "refresh"));
		assertThat(this.one.jobs().start(tokens[0], "refresh")).isInstanceOf(JobStore.Fenced.class);
		JobStore.State state = this.one.jobs().read("refresh");
		assertThat(state.lastStart()).isEqualTo(started);
		assertThat(state.node()).isEqualTo("node-b");
		assertThat(state.epoch()).isEqualTo(tokens[1].epoch());
	}

	@Test
	void finishIsRefusedForAReplacedToken() {
		LeaderToken[] tokens = replaceLeader();
		this.other.jobs().start(tokens[1], "refresh");
		this.one.jobs().finish(tokens[0], "refresh", null);
		this.one.jobs().finish(tokens[0], "refresh", "late");
		JobStore.State state = this.one.jobs().read("refresh");
		assertThat(state.lastFinish()).isZero();
		assertThat(state.lastSuccess()).isZero();
		assertThat(state.lastError()).isNull();
	}

	@Test
	void pauseIsRecordedByAnyInstanceAndAnnouncedToEveryInstance() {
		Recorder mine = new Recorder().subscribeTo(this.one);
		Recorder theirs = new Recorder().subscribeTo(this.other);
		this.one.jobs().pause("refresh", true);
		assertThat(this.other.jobs().read("refresh").paused()).isTrue();
		awaitEachHeardOnly(new JobStore.Control("refresh", true, 0), mine, theirs);
	}

	@Test
	void resumeClearsThePauseAndIsAnnounced() {
		Recorder theirs = new Recorder().subscribeTo(this.other);
		this.one.jobs().pause("refresh", true);
		this.one.jobs().pause("refresh", false);
		assertThat(this.other.jobs().read("refresh").paused()).isFalse();
		await().untilAsserted(() -> assertThat(theirs.heard(JobStore.Control.class))
			.containsExactly(new JobStore.Control("refresh", true, 0), new JobStore.Control("refresh", false, 0)));
	}

	@Test
	void runRequestIsRecordedAnnouncedAndJoinedByTheNextRequest() {
		Recorder theirs = new Recorder().subscribeTo(this.other);
		long before = this.one.jobs().read("refresh").now();
		long requested = this.one.jobs().requestRun("refresh");
		assertThat(requested).isGreaterThanOrEqualTo(before);
		assertThat(this.other.jobs().requestRun("refresh")).isEqualTo(requested);
		assertThat(this.other.jobs().read("refresh").runRequested()).isEqualTo(requested);
		await().untilAsserted(() -> assertThat(theirs.heard(JobStore.Control.class)).containsExactly(
				new JobStore.Control("refresh", false, requested), new JobStore.Control("refresh", false, requested)));
	}

	@Test
	void startServesThePendingRunRequestAndKeepsThePause() {
		LeaderToken leader = lead(this.one, "node-a");
		this.other.jobs().pause("refresh", true);
		this.other.jobs().requestRun("refresh");
		long started = started(this.one.jobs().start(leader, "refresh"));
		this.one.jobs().finish(leader, "refresh", null);
		JobStore.State state = this.other.jobs().read("refresh");
		assertThat(state.lastStart()).isEqualTo(started);
		assertThat(state.runRequested()).isZero();
		assertThat(state.paused()).isTrue();
		assertThat(this.one.jobs().requestRun("refresh")).isGreaterThanOrEqualTo(started);
	}

	@Test
	void plannedStartIsRefusedWhilePausedAndARequestedOneIsNot() {
		LeaderToken leader = lead(this.one, "node-a");
		this.other.jobs().pause("refresh", true);
		assertThat(this.one.jobs().start(leader, "refresh", true)).isInstanceOf(JobStore.Paused.class);
		assertThat(this.one.jobs().read("refresh").lastStart()).isZero();
		long started = started(this.one.jobs().start(leader, "refresh", false));
		assertThat(started).isPositive();
		this.other.jobs().pause("refresh", false);
		assertThat(started(this.one.jobs().start(leader, "refresh", true))).isGreaterThanOrEqualTo(started);
	}

	@Test
	void refusedStartLeavesTheRunRequestPending() {
		LeaderToken[] tokens = replaceLeader();
		long requested = this.other.jobs().requestRun("refresh");
		assertThat(this.one.jobs().start(tokens[0], "refresh")).isInstanceOf(JobStore.Fenced.class);
		assertThat(this.one.jobs().read("refresh").runRequested()).isEqualTo(requested);
	}

	private static long started(JobStore.Start start) {
		assertThat(start).isInstanceOf(JobStore.Started.class);
		return ((JobStore.Started) start).at();
	}

}
