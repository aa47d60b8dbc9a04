package dev.bellwether.schedule;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.function.LongConsumer;

import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bellwether.data.InvalidDatasetException;
import dev.bellwether.spi.JobStore;
import dev.bellwether.spi.LeaderToken;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Executes the runs of one {@link LeaderScheduled} method, one at a time: claims the run
 * in the {@link JobStore} with the leadership's token (refused once it is replaced),
 * invokes the method with retries inside the run's window, publishes the result with the
 * same token, so a run that loses leadership midway cannot publish, and records the end.
 */
final class JobExecution {

	private static final Log logger = LogFactory.getLog(JobExecution.class);

	private final JobDefinition definition;

	private final JobCollaborators with;

	// Only read and written by the run in progress.
	private boolean failing;

	private volatile @Nullable String lastError;

	JobExecution(JobDefinition definition, JobCollaborators with) {
		this.definition = definition;
		this.with = with;
	}

	/**
	 * Runs the job once.
	 * @param token the leadership to run under
	 * @param unlessPaused whether the store refuses the run if the job is paused
	 * @param onStart told the run's start time, by the store's clock, once claimed
	 * @return how the run ended ({@link JobOutcome#FAILURE} if the store did not answer
	 * its start, {@link JobOutcome#REFUSED} if it fenced it: the method did not run), or
	 * {@code null} if the job is paused
	 */
	@Nullable JobOutcome run(LeaderToken token, boolean unlessPaused, LongConsumer onStart) {
		String name = this.definition.name();
		JobStore.Start begun;
		try {
			begun = this.with.store().start(token, name, unlessPaused);
		}
		catch (RuntimeException ex) {
			String what = "did not run: its start could not be recorded";
			return ended(
					new Attempt(JobOutcome.FAILURE, StringUtils.capitalize(what) + ": " + failed(ex, what).error()));
		}
		if (begun instanceof JobStore.Paused) {
			logger.info("Job '" + name + "' did not run: it is paused");
			return null;
		}
		if (!(begun instanceof JobStore.Started started)) {
			Attempt refused = refused("leadership " + token + " was replaced before the run could start");
			logger.info("Job '" + name + "' did not run: " + refused.error());
			return ended(refused);
		}
		long start = started.at();
		onStart.accept(start);
		Duration window = this.definition.schedule().retryWindow(start);
		Attempt attempt = Observation.createNotStarted(FleetScheduler.OBSERVATION, this.with.observations())
			.contextualName("bellwether job " + name)
			.lowCardinalityKeyValue("job", name)
			.observe(() -> execute(token, window));
		try {
			this.with.store().finish(token, name, (attempt.outcome() == JobOutcome.FAILURE) ? attempt.error() : null);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record the end of job '" + name + "'", ex);
		}
		return ended(attempt);
	}

	private JobOutcome ended(Attempt attempt) {
		this.lastError = attempt.error();
		return attempt.outcome();
	}

	/**
	 * What went wrong in the last run that ended on this instance: its failure, or which
	 * refusal stopped it.
	 * @return the error, or {@code null} if it succeeded or none ended yet
	 */
	@Nullable String lastError() {
		return this.lastError;
	}

	/** Invokes the method with retries and publishes its result. */
	@SuppressWarnings("NullAway") // Retryable<@Nullable R>: generic nullness needs
									// JSpecify mode (JDK 22+)
	private Attempt execute(LeaderToken token, Duration window) {
		String name = this.definition.name();
		try {
			@Nullable Object result = retryTemplate(window).execute(() -> {
				if (!token.equals(this.with.leadership().token().orElse(null))) {
					throw new LeadershipLostException(token);
				}
				return invoke();
			});
			if (!publish(token, result)) {
				// The publisher has said so in a warning
				return refused("the store refused its result: leadership " + token + " was replaced");
			}
			if (this.failing) {
				logger.info("Job '" + name + "' succeeded again");
			}
			this.failing = false;
			return new Attempt(JobOutcome.SUCCESS, null);
		}
		catch (RetryException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof LeadershipLostException lost) {
				logger.info("Job '" + name + "' stopped: " + lost.reason);
				return refused(lost.reason);
			}
			return failed(cause, "failed");
		}
		catch (InvalidDatasetException ex) {
			// Each refused value is news, and its problems say it all: one line, no trace
			logger.warn("Job '" + name + "' produced a result that failed validation, so it was not published"
					+ " and the last good data stays in place: " + String.join("; ", ex.getProblems()));
			return failure(ex);
		}
		catch (RuntimeException ex) {
			return failed(ex, "could not publish its result");
		}
	}

	/** A run that leadership refused, with the refusal said in its error. */
	private static Attempt refused(String why) {
		return new Attempt(JobOutcome.REFUSED, "Refused: " + why);
	}

	private Attempt failed(Throwable cause, String what) {
		if (!this.failing) {
			logger.warn("Job '" + this.definition.name() + "' " + what + "; the last good data stays in place", cause);
		}
		return failure(cause);
	}

	private Attempt failure(Throwable cause) {
		this.failing = true;
		return new Attempt(JobOutcome.FAILURE, cause.getClass().getSimpleName() + ": " + cause.getMessage());
	}

	private boolean publish(LeaderToken token, @Nullable Object result) {
		String dataset = this.definition.publish();
		if (dataset == null || result == null) {
			return true;
		}
		return this.with.datasets().publish(dataset, result, token);
	}

	private @Nullable Object invoke() throws Throwable {
		Method method = this.definition.method();
		try {
			ReflectionUtils.makeAccessible(method);
			return method.invoke(this.definition.bean());
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	private RetryTemplate retryTemplate(Duration window) {
		RetrySettings retry = this.with.retry();
		Duration maxDelay = retry.maxDelay().compareTo(window) < 0 ? retry.maxDelay() : window;
		return new RetryTemplate(RetryPolicy.builder()
			.maxRetries(retry.maxRetries())
			.delay(retry.delay().compareTo(maxDelay) < 0 ? retry.delay() : maxDelay)
			.multiplier(retry.multiplier())
			.maxDelay(maxDelay)
			.timeout(window)
			.predicate((ex) -> !(ex instanceof LeadershipLostException))
			.build());
	}

	private record Attempt(JobOutcome outcome, @Nullable String error) {
	}

	private static final class LeadershipLostException extends RuntimeException {

		private final String reason;

		LeadershipLostException(LeaderToken token) {
			this("leadership " + token + " was lost during the run");
		}

		private LeadershipLostException(String reason) {
			super(reason);
			this.reason = reason;
		}

	}

}
