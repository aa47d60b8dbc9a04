package dev.bellwether.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What the in-memory stores of one group share: the lock every change holds, the store's
 * clock, and the announcements, queued in the order of the changes under the lock and
 * handed to the executor in that order after it is released.
 */
final class Memory {

	private static final Log logger = LogFactory.getLog(Memory.class);

	/** Guards the state of every store of the group. */
	final Object lock = new Object();

	private final Clock clock;

	private final Executor executor;

	private final Queue<Runnable> announcements = new ConcurrentLinkedQueue<>();

	/**
	 * How many callers want the queue drained; only the one that raised it from 0 drains.
	 */
	private final AtomicInteger draining = new AtomicInteger();

	Memory(Clock clock, Executor executor) {
		this.clock = clock;
		this.executor = executor;
	}

	/**
	 * The store's clock, as Redis {@code TIME} in milliseconds.
	 */
	long now() {
		return this.clock.millis();
	}

	/**
	 * The store's clock, as Redis {@code TIME} in microseconds.
	 */
	long nowMicros() {
		Instant now = this.clock.instant();
		return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
	}

	/**
	 * Whether something that expires at the given time has expired, as Redis decides it.
	 */
	boolean expired(long expiresAt, long now) {
		return now > expiresAt;
	}

	/**
	 * Applies a change under the lock, then delivers what it announced, outside the lock.
	 */
	<T> T change(Supplier<T> change) {
		T result;
		synchronized (this.lock) {
			result = change.get();
		}
		deliver();
		return result;
	}

	/**
	 * Queues an announcement; called under the lock so that the queue follows the order
	 * of the changes. The listeners are only called once the lock is released.
	 */
	void announce(Runnable announcement) {
		this.announcements.add(() -> {
			try {
				announcement.run();
			}
			catch (RuntimeException ex) {
				logger.warn("A listener of the in-memory store failed", ex);
			}
		});
	}

	/**
	 * Hands every queued announcement to the executor, in order. Never called under the
	 * lock.
	 */
	void deliver() {
		if (this.draining.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			Runnable announcement;
			while ((announcement = this.announcements.poll()) != null) {
				execute(announcement);
			}
			missed = this.draining.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void execute(Runnable announcement) {
		try {
			this.executor.execute(announcement);
		}
		catch (RejectedExecutionException ex) {
			// closed: like a Redis nobody listens to any more
		}
	}

}
