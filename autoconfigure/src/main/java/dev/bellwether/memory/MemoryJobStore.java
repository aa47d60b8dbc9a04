package dev.bellwether.memory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import dev.bellwether.spi.JobStore;
import dev.bellwether.spi.LeaderToken;

/**
 * A {@link JobStore} in memory, as {@code job-start.lua}, {@code job-finish.lua},
 * {@code job-control.lua} and {@code job-state.lua}: fenced run records stamped with the
 * store's clock, control fields open to every instance and announced.
 */
final class MemoryJobStore implements JobStore {

	private static final State NONE = new State(0, 0, 0, 0, null, null, 0, false, 0);

	private final Memory memory;

	private final MemoryLeaderStore leader;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	/** Each job's record ({@code now} unused), guarded by {@code memory.lock}. */
	private final Map<String, State> jobs = new HashMap<>();

	MemoryJobStore(Memory memory, MemoryLeaderStore leader) {
		this.memory = memory;
		this.leader = leader;
	}

	@Override
	public State read(String name) {
		synchronized (this.memory.lock) {
			State job = this.jobs.getOrDefault(name, NONE);
			return new State(this.memory.now(), job.lastStart(), job.lastFinish(), job.lastSuccess(), job.lastError(),
					job.node(), job.epoch(), job.paused(), job.runRequested());
		}
	}

	@Override
	public Start start(LeaderToken token, String name, boolean unlessPaused) {
		return this.memory.change(() -> {
			long now = this.memory.now();
			if (!this.leader.holds(token, now)) {
				return new Fenced();
			}
			State job = this.jobs.getOrDefault(name, NONE);
			if (unlessPaused && job.paused()) {
				return new Paused();
			}
			this.jobs.put(name, new State(0, now, job.lastFinish(), job.lastSuccess(), job.lastError(), token.nodeId(),
					token.epoch(), job.paused(), 0));
			announce(new Control(name, job.paused(), 0, now));
			return new Started(now);
		});
	}

	@Override
	public void finish(LeaderToken token, String name, @Nullable String error) {
		synchronized (this.memory.lock) {
			long now = this.memory.now();
			if (!this.leader.holds(token, now)) {
				return;
			}
			State job = this.jobs.getOrDefault(name, NONE);
			boolean success = error == null || error.isEmpty();
			this.jobs.put(name, new State(0, job.lastStart(), now, success ? now : job.lastSuccess(),
					success ? null : error, job.node(), job.epoch(), job.paused(), job.runRequested()));
		}
	}

	@Override
	public long requestRun(String name) {
		return this.memory.change(() -> {
			State job = this.jobs.getOrDefault(name, NONE);
			long requested = (job.runRequested() != 0) ? job.runRequested() : this.memory.now();
			return control(name, job, job.paused(), requested).runRequested();
		});
	}

	@Override
	public void pause(String name, boolean paused) {
		this.memory.change(() -> {
			State job = this.jobs.getOrDefault(name, NONE);
			return control(name, job, paused, job.runRequested());
		});
	}

	@Override
	public void subscribe(Listener listener) {
		this.listeners.add(listener);
	}

	/** Writes a job's control fields and announces them; called under the lock. */
	private Control control(String name, State job, boolean paused, long runRequested) {
		this.jobs.put(name, new State(0, job.lastStart(), job.lastFinish(), job.lastSuccess(), job.lastError(),
				job.node(), job.epoch(), paused, runRequested));
		Control control = new Control(name, paused, runRequested);
		announce(control);
		return control;
	}

	/** Announces a change of a job; called under the lock. */
	private void announce(Control control) {
		List<Listener> listening = List.copyOf(this.listeners);
		this.memory.announce(() -> listening.forEach((listener) -> listener.changed(control)));
	}

	/** Forgets every job; called under {@code memory.lock}. */
	void clear() {
		this.jobs.clear();
	}

}
