package dev.bellwether.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.bellwether.data.FleetDatasets;
import dev.bellwether.leader.LeaderElector;
import dev.bellwether.leader.Leadership;
import dev.bellwether.leader.LeadershipEvent;
import dev.bellwether.leader.LeadershipGrantedEvent;
import dev.bellwether.spi.JobStore;
import dev.bellwether.spi.LeaderToken;
import dev.bellwether.support.Durations;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.ResolvableType;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs the {@link LeaderScheduled} jobs on the leader only, from the moment it is granted
 * leadership until it loses it. (With {@code bellwether.store=memory} each instance has
 * stores of its own, so each leads and runs every job.) Its {@link #operations()} run,
 * pause and resume them fleet-wide.
 */
public final class FleetScheduler implements SmartLifecycle, JobListener, JobStore.Listener {

	/** Starts after the elector, stops before it releases leadership. */
	public static final int PHASE = LeaderElector.PHASE + 256;

	/** The name of the observation of each run, and so of its timer. */
	public static final String OBSERVATION = "bellwether.job.duration";

	private static final Log logger = LogFactory.getLog(FleetScheduler.class);

	private static final Duration ACTIVATION_RETRY = Duration.ofSeconds(1);

	private final LeaderScheduledBeanPostProcessor processor;

	private final JobCollaborators with;

	private final List<JobListener> listeners = new CopyOnWriteArrayList<>();

	private volatile List<FleetJob> jobs = List.of();

	private volatile boolean running;

	private final Jobs operations;

	/**
	 * Creates the scheduler.
	 * @param processor where the jobs were found
	 * @param store the fleet's job records
	 * @param leadership this instance's leadership
	 * @param datasets where results are published
	 * @param scheduler where runs are planned
	 * @param retry how failed runs are retried
	 * @param observations where each run is observed (a timer, a span)
	 */
	public FleetScheduler(LeaderScheduledBeanPostProcessor processor, JobStore store, Leadership leadership,
			FleetDatasets datasets, TaskScheduler scheduler, RetrySettings retry, ObservationRegistry observations) {
		this.processor = processor;
		this.with = new JobCollaborators(store, leadership, datasets, scheduler, retry, observations, this);
		this.operations = new FleetJobs(this, store, leadership);
		store.subscribe(this);
	}

	/**
	 * The fleet-wide operations on these jobs.
	 * @return the jobs as {@link Jobs}
	 */
	public Jobs operations() {
		return this.operations;
	}

	List<FleetJob> all() {
		return this.jobs;
	}

	@Override
	public void changed(JobStore.Control control) {
		FleetJob job = this.jobs.stream()
			.filter((candidate) -> candidate.name().equals(control.name()))
			.findFirst()
			.orElse(null);
		if (job == null || !this.running) {
			return;
		}
		boolean resumed = job.paused() && !control.paused();
		job.control(control);
		LeaderToken token = this.with.leadership().token().orElse(null);
		if (resumed && token != null) {
			// Plans again from the fleet's record
			job.deactivate();
			activateSoon(List.of(job), token, this.with.scheduler().getClock().instant());
		}
	}

	FleetJob find(String name) {
		return this.jobs.stream()
			.filter((candidate) -> candidate.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new NoSuchJobException(name));
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
			job.observed(state.paused());
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
		this.with.leadership().token().ifPresent(this::activateAllSoon);
		this.with.scheduler().schedule(this::readPauses, this.with.scheduler().getClock().instant());
	}

	/**
	 * Learns which jobs are paused, so that a follower shows it before any announcement.
	 */
	private void readPauses() {
		for (FleetJob job : this.jobs) {
			try {
				job.observed(this.with.store().read(job.name()).paused());
			}
			catch (RuntimeException ex) {
				logger.debug("Could not read whether job '" + job.name() + "' is paused", ex);
				return;
			}
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

	/**
	 * Takes in a change of leadership: a new leader plans every job from the fleet's
	 * record, a former one stops planning.
	 * @param event the change
	 */
	public void leadershipChanged(LeadershipEvent event) {
		if (!this.running) {
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
		activateSoon(this.jobs, token, this.with.scheduler().getClock().instant());
	}

	private void activateSoon(List<FleetJob> jobs, LeaderToken token, Instant when) {
		this.with.scheduler().schedule(() -> {
			if (this.running && token.equals(this.with.leadership().token().orElse(null))) {
				List<FleetJob> failed = activate(jobs, token);
				if (!failed.isEmpty()) {
					activateSoon(failed, token, this.with.scheduler().getClock().instant().plus(ACTIVATION_RETRY));
				}
			}
		}, when);
	}

	/** Activates the jobs and returns those that could not be. */
	private List<FleetJob> activate(List<FleetJob> jobs, LeaderToken token) {
		List<FleetJob> failed = new ArrayList<>();
		for (FleetJob job : jobs) {
			try {
				job.activate(token);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not plan job '" + job.name() + "'; trying again in "
						+ Durations.format(ACTIVATION_RETRY), ex);
				failed.add(job);
			}
		}
		return failed;
	}

}
