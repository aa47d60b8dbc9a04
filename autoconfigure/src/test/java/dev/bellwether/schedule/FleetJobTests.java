package dev.bellwether.schedule;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import dev.bellwether.data.Dataset;
import dev.bellwether.spi.DatasetStore;
import dev.bellwether.spi.LeaderToken;
import dev.bellwether.time.ManualFleet;
import dev.bellwether.time.ManualFleet.Node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jobs on manual time over the in-memory stores: planning from the fleet's record,
 * fencing, retries, coalescing and failures, without Redis and without sleeping.
 */
class FleetJobTests {

	private static final Duration INTERVAL = Duration.ofMinutes(1);

	@AutoClose
	private final ManualFleet fleet = new ManualFleet();

	private final Rates ratesOnA = new Rates(this.fleet);

	private final Rates ratesOnB = new Rates(this.fleet);

	private final Node a = this.fleet.node("a").running(this.ratesOnA);

	private final Node b = this.fleet.node("b").running(this.ratesOnB);

	@Test
	void fixedRateJobRunsAtEachIntervalOnTheLeaderOnlyAndPublishesEachResult() {
		this.fleet.start(this.a, this.b);
		this.fleet.time.advance(INTERVAL.multipliedBy(3));
		assertThat(this.ratesOnA.startedAt).containsExactly(0L, minutes(1), minutes(2), minutes(3));
		assertThat(this.ratesOnB.startedAt).isEmpty();
		assertThat(this.a.outcomes).containsExactly(JobOutcome.SUCCESS, JobOutcome.SUCCESS, JobOutcome.SUCCESS,
				JobOutcome.SUCCESS);
		assertThat(rates(this.a).revision()).isEqualTo(4);
		assertThat(rates(this.a).current()).contains(4);
		assertThat(rates(this.b).revision()).isEqualTo(4);
		assertThat(rates(this.b).current()).contains(4);
	}

	@Test
	void newLeaderTakesTheScheduleOverFromTheFleetsRecord() {
		this.fleet.start(this.a, this.b);
		this.fleet.time.advance(INTERVAL.multipliedBy(3).dividedBy(2));
		assertThat(this.a.elector.stepDown()).isTrue();
		this.fleet.time.runDue();
		assertThat(this.b.elector.isLeader()).isTrue();
		this.fleet.time.advance(INTERVAL.dividedBy(2).minusMillis(1));
		assertThat(this.ratesOnB.startedAt).isEmpty();
		this.fleet.time.advance(Duration.ofMillis(1));
		assertThat(this.ratesOnA.startedAt).containsExactly(0L, minutes(1));
		assertThat(this.ratesOnB.startedAt).containsExactly(minutes(2));
		assertThat(rates(this.b).revision()).isEqualTo(3);
		assertThat(this.a.outcomes).as("the deposed leader plans no run").hasSize(2);
	}

	@Test
	void newLeaderRunsAnOverdueRunAtOnceAfterTheLeaderCrashed() {
		this.fleet.start(this.a, this.b);
		this.fleet.time.advance(Duration.ofSeconds(55));
		this.a.jobs().stop();
		this.a.faults.leaderUnreachable(true);
		this.fleet.time.advance(Duration.ofSeconds(10));
		assertThat(this.b.elector.isLeader()).isTrue();
		long takeover = this.b.grantedAt();
		assertThat(takeover).isGreaterThan(minutes(1));
		assertThat(this.ratesOnB.startedAt).containsExactly(takeover);
		this.fleet.time.advance(INTERVAL);
		assertThat(this.ratesOnA.startedAt).containsExactly(0L);
		assertThat(this.ratesOnB.startedAt).containsExactly(takeover, takeover + INTERVAL.toNanos());
	}

	@Test
	void newLeaderWaitsAnIntervalAfterTheLastStartItHeardOfWhenTheStoreLostTheRecord() {
		this.ratesOnA.behaviour = (invocation) -> null;
		this.fleet.start(this.a, this.b);
		this.fleet.time.advance(Duration.ofSeconds(80));
		this.a.jobs().stop();
		this.a.faults.leaderUnreachable(true);
		this.fleet.stores.clear();
		this.fleet.time.advance(Duration.ofSeconds(15));
		assertThat(this.b.elector.isLeader()).isTrue();
		this.fleet.time.advance(Duration.ofSeconds(25).minusMillis(1));
		assertThat(this.ratesOnB.startedAt).as("nothing in the store, but b heard of the start at 1 min").isEmpty();
		this.fleet.time.advance(Duration.ofMillis(1));
		assertThat(this.ratesOnA.startedAt).containsExactly(0L, minutes(1));
		assertThat(this.ratesOnB.startedAt).containsExactly(minutes(2));
	}

	@Test
	void leaderGrantedAgainWaitsAnIntervalAfterItsOwnStartWhenTheStoreLostTheRecord() {
		this.ratesOnA.behaviour = (invocation) -> null;
		this.a.start();
		this.fleet.time.advance(Duration.ofSeconds(20));
		this.fleet.stores.clear();
		this.fleet.time.advance(Duration.ofSeconds(15));
		assertThat(this.a.grantedEpochs()).as("granted again on the empty store").hasSize(2);
		this.fleet.time.advance(Duration.ofSeconds(25).minusMillis(1));
		assertThat(this.ratesOnA.startedAt).containsExactly(0L);
		this.fleet.time.advance(Duration.ofMillis(1));
		assertThat(this.ratesOnA.startedAt).containsExactly(0L, minutes(1));
	}

	@Test
	void runThatOverrunsItsIntervalIsFollowedByExactlyOneMoreRunHalfAnIntervalAfterItEndedThenTheSchedule() {
		this.a.start();
		this.ratesOnA.behaviour = (invocation) -> {
			if (invocation == 2) {
				this.fleet.time.advance(INTERVAL.multipliedBy(3).dividedBy(2));
			}
			return invocation;
		};
		this.fleet.time.advance(INTERVAL);
		assertThat(this.ratesOnA.startedAt).containsExactly(0L, minutes(1));
		this.fleet.time.advance(INTERVAL.dividedBy(2).minusMillis(1));
		assertThat(this.ratesOnA.startedAt).containsExactly(0L, minutes(1));
		this.fleet.time.advance(Duration.ofMillis(1));
		assertThat(this.ratesOnA.startedAt).containsExactly(0L, minutes(1), seconds(180));
		this.fleet.time.advance(INTERVAL);
		assertThat(this.ratesOnA.startedAt).containsExactly(0L, minutes(1), seconds(180), seconds(240));
		assertThat(rates(this.a).revision()).isEqualTo(4);
	}

	@Test
	void leaderGrantedAgainDuringALateRunPlansHalfAnIntervalAfterThatRunEnded() {
		this.a.start();
		this.ratesOnA.behaviour = (invocation) -> {
			if (invocation == 2) {
				loseAndRegain(this.a, Duration.ofSeconds(40));
			}
			return invocation;
		};
		this.fleet.time.advance(INTERVAL.plusSeconds(40));
		assertThat(this.a.grantedEpochs()).as("granted again during the run").hasSize(2);
		this.fleet.time.advance(Duration.ofSeconds(30).minusMillis(1));
		assertThat(this.ratesOnA.startedAt).as("the run that ended at 1 min 40 s holds the next back")
			.containsExactly(0L, minutes(1));
		this.fleet.time.advance(Duration.ofMillis(1));
		assertThat(this.ratesOnA.startedAt).containsExactly(0L, minutes(1), seconds(130));
	}

	@Test
	void leaderGrantedAgainAfterALateRunPlansHalfAnIntervalAfterThatRunEnded() {
		this.a.start();
		this.ratesOnA.behaviour = (invocation) -> {
			if (invocation == 2) {
				this.a.faults.leaderUnreachable(true);
				this.fleet.time.advance(Duration.ofSeconds(40));
			}
			return invocation;
		};
		this.fleet.time.advance(INTERVAL.plusSeconds(40));
		this.a.faults.leaderUnreachable(false);
		this.fleet.time.advance(Duration.ofSeconds(5));
		assertThat(this.a.grantedEpochs()).as("granted again after the run").hasSize(2);
		this.fleet.time.advance(Duration.ofSeconds(25).minusMillis(1));
		assertThat(this.ratesOnA.startedAt).containsExactly(0L, minutes(1));
		this.fleet.time.advance(Duration.ofMillis(1));
		assertThat(this.ratesOnA.startedAt).containsExactly(0L, minutes(1), seconds(130));
	}

	@Test
	void newLeaderPlansHalfAnIntervalAfterTheLastRunEndedLate() {
		this.fleet.start(this.a, this.b);
		this.ratesOnA.behaviour = (invocation) -> {
			if (invocation == 2) {
				this.fleet.time.advance(Duration.ofSeconds(50));
			}
			return invocation;
		};
		this.fleet.time.advance(INTERVAL.plusSeconds(50));
		this.a.jobs().stop();
		this.a.faults.leaderUnreachable(true);
		this.fleet.time.advance(Duration.ofSeconds(15));
		assertThat(this.b.elector.isLeader()).isTrue();
		this.fleet.time.advance(Duration.ofSeconds(15).minusMillis(1));
		assertThat(this.ratesOnB.startedAt).as("a's run ended at 1 min 50 s").isEmpty();
		this.fleet.time.advance(Duration.ofMillis(1));
		assertThat(this.ratesOnB.startedAt).containsExactly(seconds(140));
	}

	@Test
	void newLeaderWaitsAnIntervalWhenTheReplacedLeadersRunHasNoEndYet() {
		this.fleet.start(this.a, this.b);
		this.ratesOnA.behaviour = (invocation) -> {
			if (invocation == 2) {
				// stalls past the end of its leadership, then calls
				this.a.faults.leaderUnreachable(true);
				this.fleet.time.advance(Duration.ofSeconds(20));
			}
			return invocation;
		};
		this.fleet.time.advance(INTERVAL.plusSeconds(20));
		assertThat(this.b.elector.isLeader()).isTrue();
		long takeover = this.b.grantedAt();
		this.fleet.time.advance(Duration.ofMinutes(2));
		assertThat(this.ratesOnA.startedAt).containsExactly(0L, minutes(1));
		assertThat(this.ratesOnB.startedAt).as("not at 2 min, the schedule: a's run had no end when b took over")
			.first()
			.isEqualTo(takeover + INTERVAL.toNanos());
	}

	@Test
	void runThatLosesLeadershipMidwayIsRefusedAndItsResultIsNotPublished() {
		this.a.start();
		this.ratesOnA.behaviour = (invocation) -> {
			this.a.elector.stepDown();
			return invocation;
		};
		this.fleet.time.advance(INTERVAL);
		assertThat(this.ratesOnA.startedAt).hasSize(2);
		assertThat(this.a.outcomes).containsExactly(JobOutcome.SUCCESS, JobOutcome.REFUSED);
		assertThat(this.a.jobs().jobs().get(0).lastError())
			.startsWith("Refused: the store refused its result: leadership ");
		assertThat(rates(this.a).current()).contains(1);
		assertThat(this.fleet.stores.datasets().read("rates")).extracting(DatasetStore.Entry::revision).isEqualTo(1L);
		assertThat(this.a.datasets().refusedPublications()).isEqualTo(1);
	}

	@Test
	void runRetriesInsideItsIntervalUntilTheMethodSucceeds() {
		this.ratesOnA.behaviour = (invocation) -> {
			if (invocation < 3) {
				throw new IllegalStateException("Upstream busy");
			}
			return invocation;
		};
		this.a.start();
		assertThat(this.ratesOnA.startedAt).hasSize(3);
		assertThat(this.a.outcomes).containsExactly(JobOutcome.SUCCESS);
		assertThat(rates(this.a).current()).contains(3);
		assertThat(this.fleet.stores.jobs().read("rates").lastError()).isNull();
	}

	@Test
	void retriesStopOnceLeadershipIsLost() {
		this.ratesOnA.behaviour = (invocation) -> {
			this.a.elector.stepDown();
			throw new IllegalStateException("Upstream busy");
		};
		this.a.start();
		assertThat(this.ratesOnA.startedAt).hasSize(1);
		assertThat(this.a.outcomes).containsExactly(JobOutcome.REFUSED);
		assertThat(this.a.jobs().jobs().get(0).lastError()).startsWith("Refused: leadership ")
			.endsWith(" was lost during the run");
		assertThat(rates(this.a).current()).isEmpty();
	}

	@Test
	void runWhoseLeadershipWasReplacedBeforeItStartedIsRefusedAndSaysWhy() {
		this.a.start();
		LeaderToken replaced = this.a.elector.token().orElseThrow();
		this.a.faults.leaderAnnouncementsLost(true);
		this.fleet.stores.leader().release(replaced);
		assertThat(this.fleet.stores.leader().tryAcquire("c", 0, ManualFleet.TTL).acquired()).isTrue();
		assertThat(this.a.elector.token()).as("a has not heard").contains(replaced);
		assertThat(this.a.operations().runHere("rates")).isEqualTo(JobOutcome.REFUSED);
		assertThat(this.ratesOnA.startedAt).hasSize(1);
		assertThat(this.a.jobs().jobs().get(0).lastError())
			.isEqualTo("Refused: leadership " + replaced + " was replaced before the run could start");
	}

	@Test
	void runHereOnAFollowerIsRefusedWithoutRunning() {
		this.fleet.start(this.a, this.b);
		assertThat(this.b.operations().runHere("rates")).isEqualTo(JobOutcome.REFUSED);
		assertThat(this.ratesOnB.startedAt).isEmpty();
	}

	@Test
	void runThatFailsOnEveryAttemptIsAFailureAndKeepsTheLastGoodData() {
		this.a.start();
		this.ratesOnA.behaviour = (invocation) -> {
			throw new IllegalStateException("Upstream down");
		};
		this.fleet.time.advance(INTERVAL);
		assertThat(this.ratesOnA.startedAt).hasSize(1 + 1 + (int) ManualFleet.RETRY.maxRetries());
		assertThat(this.a.outcomes).containsExactly(JobOutcome.SUCCESS, JobOutcome.FAILURE);
		assertThat(rates(this.a).current()).contains(1);
		assertThat(rates(this.a).revision()).isEqualTo(1);
		assertThat(this.fleet.stores.jobs().read("rates").lastError()).contains("Upstream down");
	}

	@Test
	void overlappingRunsAreCoalescedIntoOneMoreRun() throws Exception {
		this.a.start();
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger mostActive = blockSecondInvocation(entered, release);
		ExecutorService other = Executors.newSingleThreadExecutor();
		try {
			Future<JobOutcome> first = other.submit(() -> this.a.operations().runHere("rates"));
			assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
			this.fleet.time.advance(INTERVAL);
			assertThat(this.ratesOnA.startedAt).as("the planned run came due during the run").hasSize(2);
			release.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(JobOutcome.SUCCESS);
		}
		finally {
			other.shutdownNow();
		}
		assertThat(this.ratesOnA.startedAt).hasSize(2);
		this.fleet.time.advance(INTERVAL.dividedBy(2).minusMillis(1));
		assertThat(this.ratesOnA.startedAt).as("the run asked for meanwhile waits half an interval after the end")
			.hasSize(2);
		this.fleet.time.advance(Duration.ofMillis(1));
		assertThat(this.ratesOnA.startedAt).hasSize(3);
		assertThat(mostActive).hasValue(1);
		assertThat(rates(this.a).current()).contains(3);
	}

	@Test
	void runHereWaitsForTheRunInProgressThenRunsAgain() throws Exception {
		this.a.start();
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger mostActive = blockSecondInvocation(entered, release);
		AtomicReference<Thread> waiter = new AtomicReference<>();
		ExecutorService others = Executors.newFixedThreadPool(2);
		try {
			Future<JobOutcome> first = others.submit(() -> this.a.operations().runHere("rates"));
			assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
			Future<JobOutcome> second = others.submit(() -> {
				waiter.set(Thread.currentThread());
				return this.a.operations().runHere("rates");
			});
			await().until(() -> waiter.get() != null && waiter.get().getState() == Thread.State.WAITING);
			assertThat(this.ratesOnA.startedAt).hasSize(2);
			release.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(JobOutcome.SUCCESS);
			assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(JobOutcome.SUCCESS);
		}
		finally {
			others.shutdownNow();
		}
		assertThat(this.ratesOnA.startedAt).hasSize(3);
		assertThat(mostActive).hasValue(1);
		assertThat(rates(this.a).current()).contains(3);
	}

	@Test
	void jobThatRunsItselfHereFailsAndSaysWhy() {
		this.a.start();
		this.ratesOnA.behaviour = (invocation) -> this.a.operations().runHere("rates").ordinal();
		assertThat(this.a.operations().runHere("rates")).isEqualTo(JobOutcome.FAILURE);
		assertThat(this.a.jobs().jobs().get(0).lastError())
			.isEqualTo("IllegalStateException: Job 'rates' cannot run itself");
	}

	/**
	 * Makes the second invocation of the job wait for a release.
	 * @return the most invocations that were active at once
	 */
	private AtomicInteger blockSecondInvocation(CountDownLatch entered, CountDownLatch release) {
		AtomicInteger active = new AtomicInteger();
		AtomicInteger mostActive = new AtomicInteger();
		this.ratesOnA.behaviour = (invocation) -> {
			mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
			try {
				if (invocation == 2) {
					entered.countDown();
					assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
				}
				return invocation;
			}
			finally {
				active.decrementAndGet();
			}
		};
		return mostActive;
	}

	@Test
	void resultTheStoreRefusesToTakeIsAFailureWithItsReason() {
		this.a.start();
		this.a.faults.publishFails(new IllegalStateException("Store full"));
		assertThat(this.a.operations().runHere("rates")).isEqualTo(JobOutcome.FAILURE);
		assertThat(this.fleet.stores.jobs().read("rates").lastError()).contains("Store full");
		assertThat(rates(this.a).current()).contains(1);
		assertThat(this.a.jobs().jobs()).singleElement()
			.extracting(JobStatus::lastOutcome)
			.isEqualTo(JobOutcome.FAILURE);
	}

	/** Cuts the node off from the leader key long enough to lose its term, then not. */
	private void loseAndRegain(Node node, Duration during) {
		node.faults.leaderUnreachable(true);
		this.fleet.time.advance(during.dividedBy(2));
		node.faults.leaderUnreachable(false);
		this.fleet.time.advance(during.dividedBy(2));
	}

	private static Dataset<Integer> rates(Node node) {
		return node.datasets().get("rates", Integer.class);
	}

	private static long minutes(long minutes) {
		return Duration.ofMinutes(minutes).toNanos();
	}

	private static long seconds(long seconds) {
		return Duration.ofSeconds(seconds).toNanos();
	}

	/** A job whose behaviour each test chooses; it records when each call started. */
	static final class Rates {

		final List<Long> startedAt = new CopyOnWriteArrayList<>();

		volatile Behaviour behaviour = (invocation) -> invocation;

		private final ManualFleet fleet;

		Rates(ManualFleet fleet) {
			this.fleet = fleet;
		}

		@LeaderScheduled(fixedRate = "1m", publish = "rates")
		Integer refresh() throws Exception {
			this.startedAt.add(this.fleet.time.read());
			return this.behaviour.call(this.startedAt.size());
		}

	}

	@FunctionalInterface
	interface Behaviour {

		Integer call(int invocation) throws Exception;

	}

}
