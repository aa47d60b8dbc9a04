package dev.bellwether.schedule;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import dev.bellwether.time.FaultyStores.Call;
import dev.bellwether.time.ManualFleet;
import dev.bellwether.time.ManualFleet.Node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Running a job now and pausing it, from any instance, on manual time over the in-memory
 * stores: the request goes through the store and its announcement to the leader, or to
 * the next leader.
 */
class JobControlTests {

	private static final Duration INTERVAL = Duration.ofMinutes(1);

	@AutoClose
	private final ManualFleet fleet = new ManualFleet();

	/** The fleet's two instances, each running the job of {@link FleetJobTests}. */
	private final FleetJobTests.Rates ratesOnA = new FleetJobTests.Rates(this.fleet);

	private final FleetJobTests.Rates ratesOnB = new FleetJobTests.Rates(this.fleet);

	private final Node a = this.fleet.node("a").running(this.ratesOnA);

	private final Node b = this.fleet.node("b").running(this.ratesOnB);

	@Test
	void runRequestedOnAFollowerRunsOnceOnTheLeaderAndTheScheduleContinuesFromIt() {
		this.fleet.start(this.a, this.b);
		this.fleet.time.advance(Duration.ofSeconds(20));
		RunRequest request = this.b.operations().runNow("rates");
		assertThat(request.job()).isEqualTo("rates");
		assertThat(request.requestedAt()).isEqualTo(Instant.ofEpochMilli(this.fleet.time.getClock().millis()));
		this.fleet.time.runDue();
		assertThat(this.ratesOnA.startedAt).containsExactly(0L, seconds(20));
		this.fleet.time.advance(INTERVAL);
		assertThat(this.ratesOnA.startedAt).containsExactly(0L, seconds(20), seconds(80));
		assertThat(this.ratesOnB.startedAt).isEmpty();
		assertThat(this.b.datasets().get("rates", Integer.class).revision()).isEqualTo(3);
		assertThat(this.a.jobs().jobs().get(0).runs()).containsEntry(JobOutcome.SUCCESS, 3L);
		assertThat(this.fleet.stores.jobs().read("rates").runRequested()).isZero();
	}

	@Test
	void requestHeardWhileAResumedJobReadsItsRecordRunsAtOnce() {
		this.fleet.start(this.a, this.b);
		this.fleet.time.advance(Duration.ofSeconds(20));
		this.b.operations().pause("rates");
		// The leader reads the record to plan again after the resume; the request is
		// recorded and heard after that read, before its answer arrives
		this.a.faults.whileNextAnswerIsOnItsWay(Call.JOB_READ, () -> this.b.operations().runNow("rates"));
		this.b.operations().resume("rates");
		this.fleet.time.runDue();
		assertThat(this.ratesOnA.startedAt).containsExactly(0L, seconds(20));
		assertThat(this.fleet.stores.jobs().read("rates").runRequested()).isZero();
	}

	@Test
	void requestsMadeBeforeTheRunStartsJoinIntoOneRun() {
		this.fleet.start(this.a, this.b);
		this.fleet.time.advance(Duration.ofSeconds(20));
		RunRequest first = this.b.operations().runNow("rates");
		RunRequest second = this.a.operations().runNow("rates");
		this.fleet.time.runDue();
		assertThat(second.requestedAt()).isEqualTo(first.requestedAt());
		assertThat(this.ratesOnA.startedAt).containsExactly(0L, seconds(20));
	}

	@Test
	void runRequestedDuringAFailoverIsServedOnceByTheNewLeader() {
		this.fleet.start(this.a, this.b);
		this.fleet.time.advance(Duration.ofSeconds(20));
		this.a.jobs().stop();
		this.a.faults.leaderUnreachable(true);
		this.b.operations().runNow("rates");
		this.fleet.time.advance(Duration.ofSeconds(15));
		assertThat(this.b.elector.isLeader()).isTrue();
		long takeover = this.b.grantedAt();
		assertThat(this.ratesOnB.startedAt).containsExactly(takeover);
		this.fleet.time.advance(INTERVAL);
		assertThat(this.ratesOnA.startedAt).containsExactly(0L);
		assertThat(this.ratesOnB.startedAt).containsExactly(takeover, takeover + INTERVAL.toNanos());
	}

	@Test
	void pausedJobRunsOnNoLeaderUntilResumedThenAtOnceWhenOverdue() {
		this.fleet.start(this.a, this.b);
		this.b.operations().pause("rates");
		assertThat(this.a.operations().isPaused("rates")).isTrue();
		assertThat(this.b.operations().isPaused("rates")).isTrue();
		assertThat(this.a.jobs().jobs().get(0).nextRun()).isNull();
		this.fleet.time.advance(INTERVAL.multipliedBy(2));
		assertThat(this.a.elector.stepDown()).isTrue();
		this.fleet.time.runDue();
		assertThat(this.b.elector.isLeader()).isTrue();
		this.fleet.time.advance(INTERVAL.multipliedBy(2));
		assertThat(this.ratesOnA.startedAt).containsExactly(0L);
		assertThat(this.ratesOnB.startedAt).isEmpty();
		long resumed = this.fleet.time.read();
		this.a.operations().resume("rates");
		this.fleet.time.runDue();
		assertThat(this.b.operations().isPaused("rates")).isFalse();
		assertThat(this.ratesOnB.startedAt).containsExactly(resumed);
		this.fleet.time.advance(INTERVAL);
		assertThat(this.ratesOnB.startedAt).containsExactly(resumed, resumed + INTERVAL.toNanos());
	}

	@Test
	void pausedJobRunsOnceWhenRequestedAndStaysPaused() {
		this.fleet.start(this.a, this.b);
		this.a.operations().pause("rates");
		this.fleet.time.advance(Duration.ofSeconds(90));
		RunRequest request = this.b.operations().runNow("rates");
		this.fleet.time.advance(INTERVAL.multipliedBy(3));
		assertThat(request.paused()).isTrue();
		assertThat(this.ratesOnA.startedAt).containsExactly(0L, seconds(90));
		assertThat(this.a.operations().isPaused("rates")).isTrue();
	}

	@Test
	void unknownJobIsRefused() {
		this.fleet.start(this.a, this.b);
		assertThatExceptionOfType(NoSuchJobException.class).isThrownBy(() -> this.b.operations().runNow("ratse"))
			.withMessageContaining("'ratse'");
		assertThatExceptionOfType(NoSuchJobException.class).isThrownBy(() -> this.b.operations().pause("ratse"));
		assertThat(this.b.operations().names()).containsExactly("rates");
	}

	private static long seconds(long seconds) {
		return Duration.ofSeconds(seconds).toNanos();
	}

}
