package dev.bellwether.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;

import org.jspecify.annotations.Nullable;

import dev.bellwether.leader.Ticker;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * A scheduler whose time moves only when a test {@link #advance advances} it: due tasks
 * then run on the test's thread, in time order, so logic that plans with a
 * {@link TaskScheduler} and measures with a {@link Ticker} is tested without sleeping.
 * Its {@link #getClock() clock} and its ticker read the same time.
 */
public final class ManualScheduler implements TaskScheduler, Ticker {

	private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

	private final PriorityQueue<Task> tasks = new PriorityQueue<>(Task::compareTo);

	private long nanos;

	private long sequence;

	@Override
	public synchronized long read() {
		return this.nanos;
	}

	@Override
	public Clock getClock() {
		return new Clock() {

			@Override
			public ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				throw new UnsupportedOperationException();
			}

			@Override
			public Instant instant() {
				return ORIGIN.plusNanos(read());
			}

		};
	}

	/**
	 * Moves time forward, running every task that falls due on the way, at its time.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		long target;
		synchronized (this) {
			target = this.nanos + duration.toNanos();
		}
		Task due;
		while ((due = next(target)) != null) {
			due.run();
		}
		synchronized (this) {
			// A task may have advanced further itself: time never goes back.
			this.nanos = Math.max(this.nanos, target);
		}
	}

	/** Runs the tasks due now, and those they plan for now. */
	public void runDue() {
		advance(Duration.ZERO);
	}

	/** How many tasks are planned. */
	public synchronized int planned() {
		return (int) this.tasks.stream().filter((task) -> !task.cancelled).count();
	}

	private synchronized @Nullable Task next(long target) {
		Task head;
		while ((head = this.tasks.peek()) != null && head.cancelled) {
			this.tasks.poll();
		}
		if (head == null || head.at > target) {
			return null;
		}
		this.nanos = Math.max(this.nanos, head.at);
		return this.tasks.poll();
	}

	private synchronized Task plan(Runnable runnable, long at, @Nullable LongUnaryOperator then) {
		Task task = new Task(runnable, at, this.sequence++, then);
		this.tasks.add(task);
		return task;
	}

	private long nanosAt(Instant instant) {
		return Duration.between(ORIGIN, instant).toNanos();
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		return plan(task, nanosAt(startTime), null);
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		throw new UnsupportedOperationException("Triggers are not used by the library");
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		return plan(task, nanosAt(startTime), (at) -> at + period.toNanos());
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		return scheduleAtFixedRate(task, getClock().instant(), period);
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		return plan(task, nanosAt(startTime), (at) -> read() + delay.toNanos());
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		return scheduleWithFixedDelay(task, getClock().instant(), delay);
	}

	private final class Task implements ScheduledFuture<Object> {

		private final Runnable runnable;

		private final long at;

		private final long sequence;

		private final @Nullable LongUnaryOperator then;

		private volatile boolean cancelled;

		private volatile boolean done;

		Task(Runnable runnable, long at, long sequence, @Nullable LongUnaryOperator then) {
			this.runnable = runnable;
			this.at = at;
			this.sequence = sequence;
			this.then = then;
		}

		void run() {
			this.runnable.run();
			if (this.then != null && !this.cancelled) {
				Task next = plan(this.runnable, this.then.applyAsLong(this.at), this.then);
				next.follows(this);
			}
			else {
				this.done = true;
			}
		}

		private void follows(Task previous) {
			// A periodic task is cancelled through the future first handed out.
			previous.successor = this;
		}

		private volatile @Nullable Task successor;

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			this.cancelled = true;
			Task next = this.successor;
			if (next != null) {
				next.cancel(mayInterruptIfRunning);
			}
			return true;
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

		@Override
		public boolean isDone() {
			return this.done || this.cancelled;
		}

		@Override
		public @Nullable Object get() {
			return null;
		}

		@Override
		public @Nullable Object get(long timeout, TimeUnit unit) {
			return null;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(this.at - read(), TimeUnit.NANOSECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			Task task = (Task) other;
			return (this.at != task.at) ? Long.compare(this.at, task.at) : Long.compare(this.sequence, task.sequence);
		}

	}

}
