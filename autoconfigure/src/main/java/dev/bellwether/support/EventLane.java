package dev.bellwether.support;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The one ordered lane on which the application's callbacks run: leadership events,
 * dataset updates, job listeners. Callbacks run one at a time, in the order they were
 * handed in, on a thread of the lane's executor, never on the thread that handed them in
 * and never under a lock of the library's: a slow callback holds back only the callbacks
 * behind it, and a callback that calls back into the library (a step-down in a grant
 * listener, a publication in an update listener) queues what that causes behind itself.
 * <p>
 * A callback handed in with a key replaces the one with the same key still waiting, so a
 * slow consumer never builds a backlog of revisions: only the newest waits. A callback
 * that throws is logged and counted, and the lane goes on.
 */
public final class EventLane {

	private static final Log logger = LogFactory.getLog(EventLane.class);

	private final Executor executor;

	private final AtomicLong failures = new AtomicLong();

	// Guarded by this.
	private final Deque<Entry> waiting = new ArrayDeque<>();

	// Guarded by this.
	private final Map<Object, Entry> waitingByKey = new HashMap<>();

	// Guarded by this.
	private boolean draining;

	// Guarded by this.
	private boolean closed;

	/**
	 * Creates a lane.
	 * @param executor where the lane's callbacks run; it is handed one task at a time
	 */
	public EventLane(Executor executor) {
		this.executor = executor;
	}

	/**
	 * Runs a callback after every callback handed in before it.
	 * @param callback the callback
	 */
	public void deliver(Runnable callback) {
		add(null, callback);
	}

	/**
	 * Runs a callback after every callback handed in before it, unless a newer one with
	 * the same key comes while it waits: that one takes its place.
	 * @param key what the callback is about, such as a dataset
	 * @param callback the callback
	 */
	public void deliverLatest(Object key, Runnable callback) {
		add(key, callback);
	}

	/**
	 * How many callbacks threw.
	 * @return the count since the lane was created
	 */
	public long failures() {
		return this.failures.get();
	}

	/**
	 * Drops every waiting callback and takes no more; the one running finishes.
	 */
	public synchronized void close() {
		this.closed = true;
		this.waiting.clear();
		this.waitingByKey.clear();
	}

	private void add(@Nullable Object key, Runnable callback) {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			Entry replaced = (key != null) ? this.waitingByKey.get(key) : null;
			if (replaced != null) {
				replaced.callback = callback;
				return;
			}
			Entry entry = new Entry(key, callback);
			this.waiting.add(entry);
			if (key != null) {
				this.waitingByKey.put(key, entry);
			}
			if (this.draining) {
				return;
			}
			this.draining = true;
		}
		try {
			this.executor.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("The event lane's executor is shut down; callbacks are dropped", ex);
			close();
		}
	}

	private void drain() {
		Entry entry;
		while ((entry = next()) != null) {
			try {
				entry.callback.run();
			}
			catch (RuntimeException ex) {
				this.failures.incrementAndGet();
				logger.error("A Bellwether callback failed; the next ones still run", ex);
			}
		}
	}

	private synchronized @Nullable Entry next() {
		Entry entry = this.waiting.poll();
		if (entry == null) {
			this.draining = false;
			return null;
		}
		if (entry.key != null) {
			this.waitingByKey.remove(entry.key);
		}
		return entry;
	}

	private static final class Entry {

		private final @Nullable Object key;

		// Guarded by the lane.
		private Runnable callback;

		Entry(@Nullable Object key, Runnable callback) {
			this.key = key;
			this.callback = callback;
		}

	}

}
