package dev.bellwether.memory;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;

import dev.bellwether.spi.CacheStore;
import dev.bellwether.spi.DatasetStore;
import dev.bellwether.spi.JobStore;
import dev.bellwether.spi.LeaderStore;
import dev.bellwether.spi.LoadStore;
import dev.bellwether.spi.MemberStore;
import dev.bellwether.spi.Stores;

import org.springframework.util.Assert;

/**
 * The stores of one group in this JVM's memory, with the semantics of the Redis backend:
 * fenced writes, an epoch and revisions that only grow, expiring leadership and
 * heartbeats (checked when read, like Redis' passive expiry), and announcements with
 * their payload inline. Thread-safe; listeners are called outside the store's lock, in
 * the order of the changes.
 */
public final class InMemoryStores implements Stores, AutoCloseable {

	private final Memory memory;

	private final @Nullable ExecutorService ownExecutor;

	private final MemoryLeaderStore leader;

	private final MemoryDatasetStore datasets;

	private final MemoryJobStore jobs;

	private final MemoryCacheStore caches;

	private final MemoryMemberStore members;

	private final MemoryLoadStore loads;

	private InMemoryStores(Clock clock, Executor executor, @Nullable ExecutorService ownExecutor) {
		this.memory = new Memory(clock, executor);
		this.ownExecutor = ownExecutor;
		this.leader = new MemoryLeaderStore(this.memory);
		this.datasets = new MemoryDatasetStore(this.memory, this.leader);
		this.jobs = new MemoryJobStore(this.memory, this.leader);
		this.caches = new MemoryCacheStore(this.memory, this.leader);
		this.members = new MemoryMemberStore(this.memory);
		this.loads = new MemoryLoadStore(this.memory);
	}

	/**
	 * Creates stores on the system clock that announce on a daemon thread of their own,
	 * {@code bellwether-memory-events}, stopped by {@link #close()}.
	 * @return the stores
	 */
	public static InMemoryStores create() {
		ExecutorService events = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "bellwether-memory-events");
			thread.setDaemon(true);
			return thread;
		});
		return new InMemoryStores(Clock.systemUTC(), events, events);
	}

	/**
	 * Creates stores on the given clock that announce through the given executor, e.g.
	 * {@code Runnable::run} to call listeners on the thread that made the change.
	 * @param clock the store's clock, for stamps and expiry
	 * @param executor runs each announcement; it should keep their order
	 * @return the stores
	 */
	public static InMemoryStores create(Clock clock, Executor executor) {
		Assert.notNull(clock, "'clock' must not be null");
		Assert.notNull(executor, "'executor' must not be null");
		return new InMemoryStores(clock, executor, null);
	}

	@Override
	public LeaderStore leader() {
		return this.leader;
	}

	@Override
	public DatasetStore datasets() {
		return this.datasets;
	}

	@Override
	public JobStore jobs() {
		return this.jobs;
	}

	@Override
	public CacheStore caches() {
		return this.caches;
	}

	@Override
	public LoadStore loads() {
		return this.loads;
	}

	@Override
	public MemberStore members() {
		return this.members;
	}

	/**
	 * Empties every store, the epoch counter and the store generation included, as a
	 * Redis restarted without persistence. Subscriptions stay.
	 */
	public void clear() {
		synchronized (this.memory.lock) {
			this.leader.clear();
			this.datasets.clear();
			this.jobs.clear();
			this.caches.clear();
			this.members.clear();
			this.loads.clear();
		}
	}

	/**
	 * Stops the announcement thread of stores made by {@link #create()}; an executor
	 * given to {@link #create(Clock, Executor)} is left alone. Announcements after
	 * closing are dropped.
	 */
	@Override
	public void close() {
		if (this.ownExecutor != null) {
			this.ownExecutor.shutdown();
		}
	}

}
