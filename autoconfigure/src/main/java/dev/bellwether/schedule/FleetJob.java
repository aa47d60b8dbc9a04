package dev.bellwether.schedule;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ScheduledFuture;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bellwether.data.FleetDatasets;
import dev.bellwether.leader.LeaderToken;
import dev.bellwether.leader.Leadership;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.ReflectionUtils;

/**
 * One {@link LeaderScheduled} method: plans its runs from the fleet's schedule, runs it
 * with retries inside its interval, publishes its result, and records each run.
 * <p>
 * With a leadership token, every run is claimed in the {@link JobStore} first (refused
 * once the token is replaced) and published with that token, so a run that loses
 * leadership midway cannot publish. Without one ({@code every-instance} mode) the job
 * runs on the local clock and publishes into this instance's memory only.
 */
final class FleetJob {

	/** The name of the observation of each run, and so of its timer. */
	static final String OBSERVATION = "bellwether.job.duration";

	private static final Log logger = LogFactory.getLog(FleetJob.class);

	private final JobDefinition definition;

	private final Collaborators with;

	private @Nullable ScheduledFuture<?> planned;

	private @Nullable LeaderToken term;

	private boolean active;

	private boolean running;

	private boolean pending;

	private boolean failing;

	private @Nullable String lastError;

	private final Map<JobOutcome, AtomicLong> runs = new EnumMap<>(JobOutcome.class);

	private volatile @Nullable JobOutcome lastOutcome;

	private volatile @Nullable Instant nextRun;

	FleetJob(JobDefinition definition, Collaborators with) {
		this.definition = definition;
		this.with = with;
		for (JobOutcome outcome : JobOutcome.values()) {
			this.runs.put(outcome, new AtomicLong());
		}
	}

	String name() {
		return this.definition.name();
	}

	JobSchedule schedule() {
		return this.definition.schedule();
	}

	JobStatus status() {
		Map<JobOutcome, Long> counts = new EnumMap<>(JobOutcome.class);
		this.runs.forEach((outcome, count) -> counts.put(outcome, count.get()));
		return new JobStatus(name(), this.definition.publish(),
				this.definition.schedule().interval(System.currentTimeMillis()), counts, this.lastOutcome,
				this.nextRun);
	}

	private void ended(JobOutcome outcome) {
		this.runs.get(outcome).incrementAndGet();
		this.lastOutcome = outcome;
		this.with.listener().runEnded(name(), outcome);
	}

	/**
	 * Starts planning runs: for a new leader from the fleet's record, else locally.
	 * @param token the leadership to run under, {@code null} in every-instance mode
	 */
	void activate(@Nullable LeaderToken token) {
		long now;
		long next;
		if (token != null) {
			JobStore.State state = this.with.store().read(name());
			now = state.now();
			long lastStart = (state.lastStart() != 0) ? state.lastStart() : lastPublication();
			next = this.definition.schedule().next(now, lastStart, state.lastFinish());
		}
		else {
			now = System.currentTimeMillis();
			next = this.definition.schedule().next(now, 0, 0);
		}
		synchronized (this) {
			this.active = true;
			this.term = token;
			plan(next - now);
		}
	}

	/**
	 * When the job's dataset was last published, by the store's clock, as every instance
	 * holds it: the schedule survives a store that lost the job's record.
	 */
	private long lastPublication() {
		String dataset = this.definition.publish();
		if (dataset == null) {
			return 0;
		}
		return this.with.datasets()
			.all()
			.stream()
			.filter((candidate) -> candidate.name().equals(dataset))
			.flatMap((candidate) -> candidate.snapshot().stream())
			.mapToLong((snapshot) -> snapshot.updatedAt().toEpochMilli())
			.findFirst()
			.orElse(0);
	}

	/**
	 * Stops planning runs; a run in progress finishes but cannot publish once replaced.
	 */
	synchronized void deactivate() {
		this.active = false;
		this.term = null;
		this.nextRun = null;
		if (this.planned != null) {
			this.planned.cancel(false);
			this.planned = null;
		}
	}

	private synchronized void plan(long delayMillis) {
		if (!this.active || delayMillis == Long.MAX_VALUE) {
			return;
		}
		LeaderToken token = this.term;
		Instant at = Instant.now().plusMillis(Math.max(delayMillis, 0));
		this.nextRun = at;
		this.planned = this.with.scheduler().schedule(() -> run(token), at);
	}

	private void run(@Nullable LeaderToken token) {
		synchronized (this) {
			if (!this.active || !Objects.equals(this.term, token)) {
				return;
			}
			if (this.running) {
				this.pending = true;
				return;
			}
			this.running = true;
		}
		try {
			runOnce(token);
		}
		finally {
			boolean again;
			synchronized (this) {
				this.running = false;
				again = this.pending && this.active && Objects.equals(this.term, token);
				this.pending = false;
			}
			if (again) {
				run(token);
			}
		}
	}

	private void runOnce(@Nullable LeaderToken token) {
		JobSchedule schedule = this.definition.schedule();
		long start;
		try {
			start = (token != null) ? this.with.store().start(token, name()) : System.currentTimeMillis();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record the start of job '" + name() + "'; it runs at its next turn", ex);
			plan(schedule.window(System.currentTimeMillis()).toMillis());
			return;
		}
		if (start == 0) {
			logger.info("Job '" + name() + "' did not run: leadership " + token + " was replaced");
			ended(JobOutcome.REFUSED);
			return;
		}
		if (!schedule.plansAfterFinish()) {
			plan(schedule.afterStart(start) - start);
		}
		Duration window = schedule.window(start);
		JobOutcome outcome = Observation.createNotStarted(OBSERVATION, this.with.observations())
			.contextualName("bellwether job " + name())
			.lowCardinalityKeyValue("job", name())
			.observe(() -> execute(token, window));
		ended(outcome);
		String error = (outcome == JobOutcome.FAILURE) ? this.lastError : null;
		if (token != null) {
			try {
				this.with.store().finish(token, name(), error);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not record the end of job '" + name() + "'", ex);
			}
		}
		if (schedule.plansAfterFinish()) {
			plan(schedule.afterFinish(start) - start);
		}
	}

	/** Runs the method with retries and publishes its result. */
	private JobOutcome execute(@Nullable LeaderToken token, Duration window) {
		try {
			Object result = retryTemplate(window).execute(() -> {
				if (token != null && !token.equals(this.with.leadership().token().orElse(null))) {
					throw new LeadershipLostException(token);
				}
				return invoke();
			});
			if (!publish(token, result)) {
				return JobOutcome.REFUSED;
			}
			if (this.failing) {
				logger.info("Job '" + name() + "' succeeded again");
			}
			this.failing = false;
			return JobOutcome.SUCCESS;
		}
		catch (RetryException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof LeadershipLostException) {
				logger.info("Job '" + name() + "' stopped: " + cause.getMessage());
				return JobOutcome.REFUSED;
			}
			if (!this.failing) {
				logger.warn("Job '" + name() + "' failed; the last good data stays in place", cause);
			}
			this.failing = true;
			this.lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
			return JobOutcome.FAILURE;
		}
	}

	private boolean publish(@Nullable LeaderToken token, @Nullable Object result) {
		String dataset = this.definition.publish();
		if (dataset == null || result == null) {
			return true;
		}
		return this.with.datasets().publish(dataset, result, token);
	}

	private @Nullable Object invoke() throws Throwable {
		Method method = this.definition.method();
		try {
			ReflectionUtils.makeAccessible(method);
			return method.invoke(this.definition.bean());
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	private RetryTemplate retryTemplate(Duration window) {
		RetrySettings retry = this.with.retry();
		Duration maxDelay = retry.maxDelay().compareTo(window) < 0 ? retry.maxDelay() : window;
		return new RetryTemplate(RetryPolicy.builder()
			.maxRetries(retry.maxRetries())
			.delay(retry.delay().compareTo(maxDelay) < 0 ? retry.delay() : maxDelay)
			.multiplier(retry.multiplier())
			.maxDelay(maxDelay)
			.timeout(window)
			.predicate((ex) -> !(ex instanceof LeadershipLostException))
			.build());
	}

	/**
	 * What jobs work with.
	 *
	 * @param store the fleet's job records
	 * @param leadership this instance's leadership
	 * @param datasets where results are published
	 * @param scheduler where runs are planned
	 * @param retry how failed runs are retried
	 * @param observations where runs are observed
	 * @param listener who is told of every run's end
	 */
	record Collaborators(JobStore store, Leadership leadership, FleetDatasets datasets, TaskScheduler scheduler,
			RetrySettings retry, ObservationRegistry observations, JobListener listener) {
	}

	private static final class LeadershipLostException extends RuntimeException {

		LeadershipLostException(LeaderToken token) {
			super("Leadership " + token + " was lost during the run");
		}

	}

}
