package dev.bellwether.redis;

import java.time.Duration;

import dev.bellwether.support.Durations;

import org.springframework.dao.QueryTimeoutException;

/**
 * Redis did not answer one of Bellwether's calls within the bound that follows from the
 * call's purpose; the call was cancelled. Callers treat it as any other failed call.
 */
public final class RedisTimeoutException extends QueryTimeoutException {

	private final String operation;

	private final Duration bound;

	/**
	 * Creates an exception for a call that was cancelled.
	 * @param operation what the call was for, e.g. {@code renew}
	 * @param bound how long it was allowed to take
	 */
	public RedisTimeoutException(String operation, Duration bound) {
		super("Redis did not answer '" + operation + "' within " + Durations.format(bound)
				+ "; the call was cancelled");
		this.operation = operation;
		this.bound = bound;
	}

	/**
	 * What the call was for.
	 * @return the operation, e.g. {@code renew}
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * How long the call was allowed to take.
	 * @return the bound
	 */
	public Duration getBound() {
		return this.bound;
	}

}
