package dev.bellwether.redis;

import java.time.Duration;

import dev.bellwether.support.Durations;

import org.springframework.dao.QueryTimeoutException;

/**
 * Redis did not answer one of Bellwether's calls within the bound that follows from the
 * call's purpose; the call was cancelled. Callers treat it as any other failed call.
 */
final class RedisTimeoutException extends QueryTimeoutException {

	RedisTimeoutException(String operation, Duration bound) {
		super("Redis did not answer '" + operation + "' within " + Durations.format(bound)
				+ "; the call was cancelled");
	}

}
