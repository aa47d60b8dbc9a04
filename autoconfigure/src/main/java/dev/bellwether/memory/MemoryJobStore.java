package dev.bellwether.memory;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.bellwether.leader.LeaderToken;
import dev.bellwether.schedule.JobStore;

/**
 * A {@link JobStore} in memory, as {@code job-start.lua}, {@code job-finish.lua} and
 * {@code job-state.lua}: fenced records stamped with the store's clock.
 */
final class MemoryJobStore implements JobStore {

	private static final State NONE = new State(0, 0, 0, 0, null, null, 0);

	private final Memory memory;

	private final MemoryLeaderStore leader;

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
					job.node(), job.epoch());
		}
	}

	@Override
	public long start(LeaderToken token, String name) {
		synchronized (this.memory.lock) {
			long now = this.memory.now();
			if (!this.leader.holds(token, now)) {
				return 0;
			}
			State job = this.jobs.getOrDefault(name, NONE);
			this.jobs.put(name, new State(0, now, job.lastFinish(), job.lastSuccess(), job.lastError(), token.nodeId(),
					token.epoch()));
			return now;
		}
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
					success ? null : error, job.node(), job.epoch()));
		}
	}

	/** Forgets every job; called under {@code memory.lock}. */
	void clear() {
		this.jobs.clear();
	}

}
