package dev.bellwether.schedule;

import java.time.Instant;
import java.util.List;

import dev.bellwether.leader.Leadership;
import dev.bellwether.spi.JobStore;
import dev.bellwether.spi.LeaderToken;

/**
 * The fleet-wide operations on the jobs that a {@link FleetScheduler} runs: requests and
 * pauses go through the store, so they reach whichever instance leads.
 */
final class FleetJobs implements Jobs {

	private final FleetScheduler scheduler;

	private final JobStore store;

	private final Leadership leadership;

	FleetJobs(FleetScheduler scheduler, JobStore store, Leadership leadership) {
		this.scheduler = scheduler;
		this.store = store;
		this.leadership = leadership;
	}

	@Override
	public List<String> names() {
		return this.scheduler.all().stream().map(FleetJob::name).toList();
	}

	@Override
	public RunRequest runNow(String name) {
		FleetJob job = this.scheduler.find(name);
		long requested = this.store.requestRun(name);
		return new RunRequest(name, Instant.ofEpochMilli(requested), job.paused());
	}

	@Override
	public JobOutcome runHere(String name) {
		FleetJob job = this.scheduler.find(name);
		LeaderToken token = this.leadership.token().orElse(null);
		return (token != null) ? job.runNow(token) : JobOutcome.REFUSED;
	}

	@Override
	public void pause(String name) {
		this.scheduler.find(name);
		this.store.pause(name, true);
	}

	@Override
	public void resume(String name) {
		this.scheduler.find(name);
		this.store.pause(name, false);
	}

	@Override
	public boolean isPaused(String name) {
		return this.scheduler.find(name).paused();
	}

}
