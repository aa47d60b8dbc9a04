package dev.bellwether.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Runs the stores' commands through the reactive API so that each call is bounded by its
 * own timeout, whatever the application's command timeout: a call that does not answer in
 * time is cancelled and fails with a {@link RedisTimeoutException}. The commands are
 * subscribed to on Reactor's bounded elastic scheduler, so even a connection that blocks
 * while it is being established holds up none of the caller's threads beyond the bound.
 * <p>
 * Records whether Redis answered the last call, so health can report it without calling
 * Redis; when no call has ended for a while, asking starts one bounded PING in the
 * background and answers at once.
 */
final class RedisCalls {

	private static final long NEVER = Long.MIN_VALUE;

	private final ReactiveStringRedisTemplate redis;

	private final Duration probe;

	private final AtomicBoolean probing = new AtomicBoolean();

	private volatile boolean answered;

	private volatile long lastOutcome = NEVER;

	/**
	 * Creates the calls of one group's stores.
	 * @param redis the template to run the commands with
	 * @param probe how long a background PING may take, and how long the last outcome
	 * counts before asking starts one
	 */
	RedisCalls(ReactiveStringRedisTemplate redis, Duration probe) {
		this.redis = redis;
		this.probe = probe;
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
		try {
			T answer = Mono.defer(() -> command.apply(this.redis))
				.subscribeOn(Schedulers.boundedElastic())
				.timeout(bound, Mono.error(() -> new RedisTimeoutException(operation, bound)))
				.block();
			outcome(true);
			return answer;
		}
		catch (RuntimeException ex) {
			outcome(!unreachable(ex));
			throw ex;
		}
	}

	/**
	 * Whether Redis answered the last call, without calling it. When no call has ended
	 * within the probe bound, one bounded PING is started in the background so that the
	 * next answer is current.
	 * @return {@code true} if the last call was answered
	 */
	boolean answered() {
		long last = this.lastOutcome;
		if ((last == NEVER || System.nanoTime() - last > this.probe.toNanos())
				&& this.probing.compareAndSet(false, true)) {
			Mono.defer(() -> this.redis.execute((connection) -> connection.ping()).next())
				.subscribeOn(Schedulers.boundedElastic())
				.timeout(this.probe, Mono.error(() -> new RedisTimeoutException("ping", this.probe)))
				.doFinally((signal) -> this.probing.set(false))
				.subscribe((pong) -> outcome(true), (ex) -> outcome(!unreachable(ex)));
		}
		return this.answered;
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
	 */
	static List<?> reply(List<?> emitted) {
		return (emitted.size() == 1 && emitted.get(0) instanceof List<?> list) ? list : emitted;
	}

}
