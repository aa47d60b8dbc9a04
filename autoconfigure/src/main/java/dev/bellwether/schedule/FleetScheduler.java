package dev.bellwether.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bellwether.data.FleetDatasets;
import dev.bellwether.leader.LeaderElector;
import dev.bellwether.leader.LeaderToken;
import dev.bellwether.leader.Leadership;
import dev.bellwether.leader.LeadershipEvent;
import dev.bellwether.leader.LeadershipGrantedEvent;

import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.ResolvableType;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs the {@link LeaderScheduled} jobs: on the leader only, from the moment it is
 * granted leadership until it loses it, or on every instance in {@code every-instance}
 * mode.
 */
public final class FleetScheduler implements ApplicationListener<LeadershipEvent>, SmartLifecycle, JobListener {

	/** Starts after the elector, stops before it releases leadership. */
	public static final int PHASE = LeaderElector.PHASE + 256;

	private static final Log logger = LogFactory.getLog(FleetScheduler.class);

	private static final Duration ACTIVATION_RETRY = Duration.ofSeconds(1);

	private final LeaderScheduledBeanPostProcessor processor;

	private final FleetJob.Collaborators with;

	private final boolean everyInstance;

	private final List<JobListener> listeners = new CopyOnWriteArrayList<>();

	private volatile List<FleetJob> jobs = List.of();

	private volatile boolean running;

	/**
	 * Creates the scheduler.
	 * @param processor where the jobs were found
	 * @param store the fleet's job records
	 * @param leadership this instance's leadership
	 * @param datasets where results are published
	 * @param scheduler where runs are planned
	 * @param retry how failed runs are retried
	 * @param observations where each run is observed (a timer, a span)
	 * @param everyInstance whether every instance runs the jobs, as plain
	 * {@code @Scheduled} would
	 */
	public FleetScheduler(LeaderScheduledBeanPostProcessor processor, JobStore store, Leadership leadership,
			FleetDatasets datasets, TaskScheduler scheduler, RetrySettings retry, ObservationRegistry observations,
			boolean everyInstance) {
		this.processor = processor;
		this.with = new FleetJob.Collaborators(store, leadership, datasets, scheduler, retry, observations, this);
		this.everyInstance = everyInstance;
	}

	/**
	 * What this instance knows of each job.
	 * @return one status per job
	 */
	public List<JobStatus> jobs() {
		return this.jobs.stream().map(FleetJob::status).toList();
	}

	/**
	 * Each job as the fleet's record in the store has it, with the next run that record
	 * plans. Reads the store.
	 * @return one report per job
	 */
	public List<JobReport> report() {
		return this.jobs.stream().map((job) -> {
			JobStore.State state = this.with.store().read(job.name());
			long next = job.schedule().next(state.now(), state.lastStart(), state.lastFinish());
			return new JobReport(job.status(), state,
					(next != Long.MAX_VALUE) ? Instant.ofEpochMilli(Math.max(next, state.now())) : null);
		}).toList();
	}

	/**
	 * Registers a listener told of the end of every run on this instance.
	 * @param listener the listener
	 */
	public void addListener(JobListener listener) {
		this.listeners.add(listener);
	}

	@Override
	public void runEnded(String job, JobOutcome outcome) {
		for (JobListener listener : this.listeners) {
			try {
				listener.runEnded(job, outcome);
			}
			catch (RuntimeException ex) {
				logger.error("A job listener failed", ex);
			}
		}
	}

	@Override
	public void start() {
		List<JobDefinition> definitions = this.processor.jobs();
		for (JobDefinition definition : definitions) {
			if (definition.publish() != null) {
				this.with.datasets().get(definition.publish(), ResolvableType.forMethodReturnType(definition.method()));
			}
		}
		this.jobs = definitions.stream().map((definition) -> new FleetJob(definition, this.with)).toList();
		this.running = true;
		if (this.everyInstance) {
			activateAll(null);
		}
		else {
			this.with.leadership().token().ifPresent(this::activateAllSoon);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.jobs.forEach(FleetJob::deactivate);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void onApplicationEvent(LeadershipEvent event) {
		if (this.everyInstance || !this.running) {
			return;
		}
		if (event instanceof LeadershipGrantedEvent) {
			activateAllSoon(event.getToken());
		}
		else {
			this.jobs.forEach(FleetJob::deactivate);
		}
	}

	private void activateAllSoon(LeaderToken token) {
		activateSoon(this.jobs, token, Instant.now());
	}

	private void activateSoon(List<FleetJob> jobs, LeaderToken token, Instant when) {
		this.with.scheduler().schedule(() -> {
			if (this.running && token.equals(this.with.leadership().token().orElse(null))) {
				List<FleetJob> failed = activate(jobs, token);
				if (!failed.isEmpty()) {
					activateSoon(failed, token, Instant.now().plus(ACTIVATION_RETRY));
				}
			}
		}, when);
	}

	private void activateAll(@Nullable LeaderToken token) {
		activate(this.jobs, token);
	}

	/** Activates the jobs and returns those that could not be. */
	private List<FleetJob> activate(List<FleetJob> jobs, @Nullable LeaderToken token) {
		List<FleetJob> failed = new ArrayList<>();
		for (FleetJob job : jobs) {
			try {
				job.activate(token);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not plan job '" + job.name() + "'; trying again in " + ACTIVATION_RETRY.toSeconds()
						+ "s", ex);
				failed.add(job);
			}
		}
		return failed;
	}

}
