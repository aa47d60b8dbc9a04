package dev.bellwether.schedule;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bellwether.spi.JobStore;
import dev.bellwether.spi.LeaderToken;

import org.springframework.util.Assert;

/**
 * Plans the runs of one {@link LeaderScheduled} method on the leader: from the fleet's
 * record when leadership is granted (or from the latest start this instance made or heard
 * announced, when the store has lost it), then after each run, until leadership ends.
 * Runs that overlap are coalesced into one more run; each run is a {@link JobExecution}.
 * <p>
 * A paused job plans no run. A run requested through the store runs once, paused or not,
 * unless a run that started after the request (by the store's clock) already served it:
 * the store clears the request when a run starts, and a new leader serves a request still
 * pending when it takes over.
 * <p>
 * Runs are spaced for the API they call: a run that ends late pushes the next one to half
 * an interval after its end, and a planned run that came due meanwhile is not run at once
 * but then. This holds across terms: a leadership granted again during or after a late
 * run plans from that run's end, as a new leader plans from the end the store recorded.
 */
final class FleetJob {

	private static final Log logger = LogFactory.getLog(FleetJob.class);

	private final JobDefinition definition;

	private final JobCollaborators with;

	private final JobExecution execution;

	/** How many runs ended with each {@link JobOutcome}, by its ordinal. */
	private final AtomicLongArray runs = new AtomicLongArray(JobOutcome.values().length);

	// Guarded by this.
	private @Nullable ScheduledFuture<?> planned;

	private @Nullable LeaderToken term;

	/** The thread of the run in progress, {@code null} while none runs. */
	private @Nullable Thread runner;

	private boolean pending;

	/** The latest run request heard of, by the store's clock. */
	private long requested;

	/** Whether a run request arrived while a run was in progress. */
	private boolean requestWaiting;

	/**
	 * The latest run start this instance made or heard announced, by the store's clock:
	 * the store's record of it may be lost (a failover, an empty restart), this memory is
	 * not.
	 */
	private long knownStart;

	/** When this instance learnt of {@link #knownStart}, by the local clock. */
	private long knownAt;

	/**
	 * When the latest run that began on this instance ended, by the local clock, whatever
	 * its term; {@code 0} for none: the store does not record the end of a run whose
	 * leadership was replaced meanwhile, this memory does.
	 */
	private long lastEnd;

	/** When the latest run that began on this instance started, by the store's clock. */
	private long ownStart;

	private volatile boolean paused;

	private volatile @Nullable JobOutcome lastOutcome;

	private volatile @Nullable Instant nextRun;

	FleetJob(JobDefinition definition, JobCollaborators with) {
		this.definition = definition;
		this.with = with;
		this.execution = new JobExecution(definition, with);
	}

	String name() {
		return this.definition.name();
	}

	JobSchedule schedule() {
		return this.definition.schedule();
	}

	JobStatus status() {
		Map<JobOutcome, Long> counts = new EnumMap<>(JobOutcome.class);
		for (JobOutcome outcome : JobOutcome.values()) {
			counts.put(outcome, this.runs.get(outcome.ordinal()));
		}
		return new JobStatus(name(), this.definition.publish(), schedule().interval(now()), counts, this.lastOutcome,
				this.execution.lastError(), this.nextRun, this.paused);
	}

	boolean paused() {
		return this.paused;
	}

	/**
	 * Takes in whether the job is paused, as the fleet's record says.
	 * @param paused whether the job is paused
	 */
	void observed(boolean paused) {
		this.paused = paused;
	}

	/**
	 * Takes in a change of the job's control state: a pause stops planning, a request is
	 * served at once if this instance leads the job. A resumed job must be activated
	 * again to plan from the fleet's record.
	 * @param control the job's control state
	 */
	void control(JobStore.Control control) {
		LeaderToken token;
		synchronized (this) {
			this.paused = control.paused();
			if (control.paused() && this.planned != null) {
				this.planned.cancel(false);
				this.planned = null;
				this.nextRun = null;
			}
			this.requested = Math.max(this.requested, control.runRequested());
			started(control.started());
			token = (this.requested > this.knownStart) ? this.term : null;
		}
		if (token != null) {
			serveRequest(token);
		}
	}

	private void serveRequest(LeaderToken token) {
		this.with.scheduler().schedule(() -> run(token, Kind.REQUESTED), this.with.scheduler().getClock().instant());
	}

	/**
	 * Starts planning runs under a new leadership, from the fleet's record: the next run
	 * is where the last leader left the schedule.
	 * @param token the leadership to run under
	 */
	void activate(LeaderToken token) {
		if (isActive(token)) {
			return;
		}
		long heardBefore;
		synchronized (this) {
			heardBefore = this.requested;
		}
		JobStore.State state = this.with.store().read(name());
		long lastStart = (state.lastStart() != 0) ? state.lastStart() : lastPublication();
		long delay = schedule().next(state.now(), lastStart, state.lastFinish()) - state.now();
		boolean serve;
		synchronized (this) {
			// Granted twice (the scheduler's start and the grant event can race): plan
			// once.
			if (token.equals(this.term)) {
				return;
			}
			this.term = token;
			this.paused = state.paused();
			this.requested = Math.max(this.requested, state.runRequested());
			// A request pending in the record, or one heard while the record was on its
			// way: it came after the read, and no start this instance knows served it
			serve = state.runRequested() != 0
					|| (this.requested > heardBefore && this.requested > Math.max(this.knownStart, state.lastStart()));
			if (!serve) {
				plan(token, Math.max(Math.max(delay, delayAfterUnfinished(state)),
						Math.max(delayAfterKnownStart(lastStart), delayAfterOwnEnd())));
			}
		}
		if (serve) {
			serveRequest(token);
		}
	}

	private synchronized void ranFrom(long start) {
		this.ownStart = start;
		started(start);
	}

	/**
	 * Remembers a run's start, this instance's own or one announced.
	 * @param start when it started, by the store's clock; {@code 0} for none
	 */
	private synchronized void started(long start) {
		if (start > this.knownStart) {
			this.knownStart = start;
			this.knownAt = now();
		}
	}

	/**
	 * The delay before the next run after the latest start this instance knows of, if the
	 * store's record is older (it lost that start). Measured on the local clock from when
	 * this instance learnt of it, so that no two clocks are compared: the run never comes
	 * earlier than an interval after that start.
	 */
	private synchronized long delayAfterKnownStart(long recorded) {
		if (this.knownStart <= recorded) {
			return Long.MIN_VALUE;
		}
		long storeNow = this.knownStart + (now() - this.knownAt);
		long next = schedule().next(storeNow, this.knownStart, 0);
		return (next != Long.MAX_VALUE) ? next - storeNow : next;
	}

	/**
	 * One interval when the fleet's latest run has no recorded end and was not this
	 * instance's: its leader, replaced since, may still be calling the API (a JVM that
	 * stalled between its last check and its call), so the new term leaves it an interval
	 * rather than running an overdue run at once. This instance's own run is known: it is
	 * spaced from its end.
	 */
	private synchronized long delayAfterUnfinished(JobStore.State state) {
		if (state.lastStart() == 0 || state.lastFinish() >= state.lastStart() || state.lastStart() == this.ownStart) {
			return Long.MIN_VALUE;
		}
		logger.info("Job '" + name() + "': the last run, which " + state.node()
				+ " started, has no recorded end, so its leader may still be calling: the next run comes an interval"
				+ " from now at the earliest");
		return schedule().interval(now()).toMillis();
	}

	/** The delay before the next run after the latest run that ended on this instance. */
	private synchronized long delayAfterOwnEnd() {
		return (this.lastEnd != 0) ? schedule().afterEnd(this.lastEnd) - now() : Long.MIN_VALUE;
	}

	private synchronized boolean isActive(LeaderToken token) {
		return token.equals(this.term);
	}

	/**
	 * When the job's dataset was last published, by the store's clock, as every instance
	 * holds it: the schedule survives a store that lost the job's record.
	 */
	private long lastPublication() {
		String dataset = this.definition.publish();
		return (dataset != null) ? this.with.datasets().publishedAt(dataset) : 0;
	}

	/**
	 * Stops planning runs; a run in progress finishes but cannot publish once replaced.
	 */
	synchronized void deactivate() {
		this.term = null;
		this.nextRun = null;
		if (this.planned != null) {
			this.planned.cancel(false);
			this.planned = null;
		}
	}

	/**
	 * Runs the job now under the given leadership, once the run in progress (if any) has
	 * ended; the next run is planned from this one if the job is active under it.
	 * @return how the run ended
	 * @throws IllegalStateException if called from the job's own run, or interrupted
	 * while it waited
	 */
	JobOutcome runNow(LeaderToken token) {
		JobOutcome outcome = run(token, Kind.NOW);
		Assert.state(outcome != null, "A run asked for on this instance always runs");
		return outcome;
	}

	private synchronized void plan(LeaderToken token, long delayMillis) {
		if (this.paused) {
			this.nextRun = null;
		}
		if (!token.equals(this.term) || delayMillis == Long.MAX_VALUE || this.paused) {
			return;
		}
		if (this.planned != null) {
			this.planned.cancel(false);
		}
		Instant at = this.with.scheduler().getClock().instant().plusMillis(Math.max(delayMillis, 0));
		this.nextRun = at;
		this.planned = this.with.scheduler().schedule(() -> run(token, Kind.PLANNED), at);
	}

	/**
	 * Runs once, or asks the run in progress for one more run; a run asked for on this
	 * instance waits for the run in progress instead.
	 */
	private @Nullable JobOutcome run(LeaderToken token, Kind kind) {
		synchronized (this) {
			if (kind != Kind.NOW && !token.equals(this.term)) {
				return null;
			}
			if ((kind == Kind.PLANNED && this.paused)
					|| (kind == Kind.REQUESTED && this.requested <= this.knownStart)) {
				return null;
			}
			if (this.runner != null && kind != Kind.NOW) {
				this.pending |= kind != Kind.REQUESTED;
				this.requestWaiting |= kind == Kind.REQUESTED;
				return null;
			}
			awaitNoRun();
			this.runner = Thread.currentThread();
		}
		JobOutcome outcome = null;
		AtomicBoolean began = new AtomicBoolean();
		try {
			outcome = runOnce(token, kind == Kind.PLANNED, began);
		}
		finally {
			// The run asked for may belong to a newer term than this one, when leadership
			// changed hands while this run waited on the store: it runs under its own
			// term.
			LeaderToken again;
			Kind againKind;
			synchronized (this) {
				this.runner = null;
				notifyAll();
				again = (this.pending || this.requestWaiting) ? this.term : null;
				againKind = (this.requested > this.knownStart) ? Kind.REQUESTED : Kind.PLANNED;
				this.pending = false;
				this.requestWaiting = false;
			}
			// A run asked for while this one called the API was planned after it ended
			if (again != null && (againKind == Kind.REQUESTED || !began.get())) {
				run(again, againKind);
			}
		}
		return outcome;
	}

	private void awaitNoRun() {
		Assert.state(this.runner != Thread.currentThread(), () -> "Job '" + name() + "' cannot run itself");
		try {
			while (this.runner != null) {
				wait();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while job '" + name() + "' waited for its run in progress",
					ex);
		}
	}

	private @Nullable JobOutcome runOnce(LeaderToken token, boolean unlessPaused, AtomicBoolean began) {
		JobSchedule schedule = schedule();
		JobOutcome outcome = this.execution.run(token, unlessPaused, (start) -> {
			began.set(true);
			ranFrom(start);
			if (!schedule.plansAfterFinish()) {
				plan(token, schedule.afterStart(start) - start);
			}
		});
		if (outcome == null || !began.get()) {
			if (outcome == null) {
				// Paused while this instance missed the announcement: plans no more runs
				observed(true);
			}
			// Not started: tried again after a window
			plan(token, schedule.window(now()).toMillis());
		}
		if (outcome == null) {
			return null;
		}
		this.runs.incrementAndGet(outcome.ordinal());
		this.lastOutcome = outcome;
		this.with.listener().runEnded(name(), outcome);
		if (began.get()) {
			ended(now());
		}
		return outcome;
	}

	/**
	 * Takes in the end of a run that began here and plans the next run of the current
	 * term, whichever it is, no earlier than {@link JobSchedule#afterEnd}: a run that
	 * overran (a slow or retried call) pushes the next one back, and so does a run that
	 * outlived its term when this instance was granted leadership again meanwhile.
	 */
	private synchronized void ended(long finished) {
		this.lastEnd = finished;
		LeaderToken current = this.term;
		Instant next = this.nextRun;
		long earliest = schedule().afterEnd(finished);
		if (current != null && (schedule().plansAfterFinish() || (next != null && next.toEpochMilli() < earliest))) {
			plan(current, earliest - now());
		}
	}

	private long now() {
		return this.with.scheduler().getClock().millis();
	}

	/** Why a run is asked for. */
	private enum Kind {

		/** Planned by the schedule: not while paused. */
		PLANNED,

		/** Requested through the store: once, unless a later run served the request. */
		REQUESTED,

		/** Asked for on this instance: whatever the term and the pause. */
		NOW

	}

}
