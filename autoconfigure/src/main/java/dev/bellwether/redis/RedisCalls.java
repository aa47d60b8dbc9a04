package dev.bellwether.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;

/**
 * Runs the stores' commands through the reactive API so that each call is bounded by its
 * own timeout, whatever the application's command timeout: a call that does not answer in
 * time is cancelled and fails with a {@link RedisTimeoutException}. The commands are
 * subscribed to on threads of their own, so even a connection that blocks while it is
 * being established holds up none of the caller's threads beyond the bound. A timed-out
 * call does not interrupt its thread: a connection being established goes on, and serves
 * the next call, instead of being aborted by every call that gives up on it.
 * <p>
 * Records whether Redis answered the last call, so that health can report it from what it
 * holds, probing (one probe at a time) only when no call has ended lately.
 */
final class RedisCalls {

	private static final Log logger = LogFactory.getLog(RedisCalls.class);

	/**
	 * Where commands are subscribed to: daemon threads, at most 32 at once (a call beyond
	 * that fails at once), never interrupted on cancellation.
	 */
	private static final Scheduler CALLERS = Schedulers.fromExecutor(callers());

	/** Reactor's per-subscription hook for errors that arrive after a call gave up. */
	private static final String ON_ERROR_DROPPED = "reactor.onErrorDropped.local";

	private static final long NEVER = Long.MIN_VALUE;

	private final ReactiveStringRedisTemplate redis;

	private final AtomicBoolean probing = new AtomicBoolean();

	private volatile boolean answered;

	private volatile long lastOutcome = NEVER;

	private static ThreadPoolExecutor callers() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("bellwether-redis-");
		threads.setDaemon(true);
		return new ThreadPoolExecutor(0, 32, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
	}

	/**
	 * Creates the calls of one group's stores.
	 * @param redis the template to run the commands with
	 */
	RedisCalls(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Runs a command and waits for its answer at most the given bound.
	 * @param <T> the type of the answer
	 * @param operation what the call is for, named in a timeout
	 * @param bound how long the call may take
	 * @param command the command, built on the template
	 * @return the answer, {@code null} for an empty one
	 * @throws RedisTimeoutException if Redis did not answer in time
	 */
	<T> @Nullable T call(String operation, Duration bound, Function<ReactiveStringRedisTemplate, Mono<T>> command) {
		return call(operation, bound, command, true);
	}

	/**
	 * Runs a command and waits for its answer at most the given bound.
	 * @param <T> the type of the answer
	 * @param operation what the call is for, named in a timeout
	 * @param bound how long the call may take
	 * @param command the command, built on the template
	 * @param timeoutIsFailure whether a timeout counts as Redis not answering: not for a
	 * probe whose bound is shorter than a busy but healthy Redis may need
	 * @return the answer, {@code null} for an empty one
	 * @throws RedisTimeoutException if Redis did not answer in time
	 */
	<T> @Nullable T call(String operation, Duration bound, Function<ReactiveStringRedisTemplate, Mono<T>> command,
			boolean timeoutIsFailure) {
		try {
			T answer = Mono.defer(() -> command.apply(this.redis))
				.subscribeOn(CALLERS)
				.timeout(bound, Mono.error(() -> new RedisTimeoutException(operation, bound)))
				.contextWrite(Context.of(ON_ERROR_DROPPED,
						(Consumer<Throwable>) (ex) -> logger.debug(
								"Redis answered '" + operation + "' after the call had given up: " + ex.getMessage())))
				.block();
			outcome(true);
			return answer;
		}
		catch (RedisTimeoutException ex) {
			if (timeoutIsFailure) {
				outcome(false);
			}
			throw ex;
		}
		catch (RuntimeException ex) {
			outcome(!unreachable(ex));
			throw RedisErrors.explain(ex);
		}
	}

	/**
	 * Whether Redis answered the last call that ended, without calling it.
	 * @return {@code true} if it did
	 */
	boolean answered() {
		return this.answered;
	}

	/**
	 * Whether no call has ended within the given time, or none ever did.
	 * @param window the time
	 * @return {@code true} if the last outcome is older
	 */
	boolean idle(Duration window) {
		long last = this.lastOutcome;
		return last == NEVER || System.nanoTime() - last > window.toNanos();
	}

	/**
	 * Runs a probe unless another one is running, which it does not wait for.
	 * @param probe the probe, a bounded call whose outcome is recorded
	 */
	void probe(Runnable probe) {
		if (this.probing.compareAndSet(false, true)) {
			try {
				probe.run();
			}
			catch (RuntimeException ex) {
				// recorded as the last outcome
			}
			finally {
				this.probing.set(false);
			}
		}
	}

	private void outcome(boolean answered) {
		this.answered = answered;
		this.lastOutcome = System.nanoTime();
	}

	private static boolean unreachable(Throwable ex) {
		return ex instanceof QueryTimeoutException || ex instanceof DataAccessResourceFailureException
				|| (ex.getCause() != null && ex.getCause() != ex && unreachable(ex.getCause()));
	}

	/**
	 * The reply of a script that returns a list, however the reactive driver emits it: as
	 * one list, or element by element.
	 * @param emitted what the script emitted
	 * @return the reply's elements
	 * @throws IllegalStateException if the script emitted nothing
	 */
	static List<?> reply(@Nullable List<?> emitted) {
		Assert.state(emitted != null && !emitted.isEmpty(), "A script of the library returned no reply");
		return (emitted.size() == 1 && emitted.get(0) instanceof List<?> list) ? list : emitted;
	}

}
