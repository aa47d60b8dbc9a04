package dev.bellwether.cache;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The settings of one on-demand cache.
 *
 * @param maximumSize how many entries each instance holds at most
 * @param timeToLive how long an entry lives, in the store and on each instance
 * @param waitTimeout how long an instance that misses a key waits for the instance that
 * loads it, before it loads the key itself
 * @param allowNullValues whether a {@code null} is cached as a value
 * @param valueType the type of the cache's values, or {@code null} to take it from the
 * {@code @Cacheable} and {@code @CachePut} methods that use the cache
 */
public record CacheSettings(long maximumSize, Duration timeToLive, Duration waitTimeout, boolean allowNullValues,
		@Nullable Class<?> valueType) {

	/**
	 * Checks the settings.
	 * @param maximumSize how many entries each instance holds at most
	 * @param timeToLive how long an entry lives
	 * @param waitTimeout how long a miss waits for another instance's load
	 * @param allowNullValues whether a {@code null} is cached
	 * @param valueType the type of the cache's values, if not the methods'
	 */
	public CacheSettings {
		Assert.isTrue(maximumSize > 0, "'maximumSize' must be positive");
		Assert.isTrue(!timeToLive.isNegative() && !timeToLive.isZero(), "'timeToLive' must be positive");
		Assert.isTrue(!waitTimeout.isNegative(), "'waitTimeout' must not be negative");
	}

	/**
	 * How long a claimed load holds before another instance may take it over: the wait,
	 * so that a waiter that gives up finds the load free if its loader crashed.
	 * @return the lease
	 */
	Duration lease() {
		return waitTimeout.isZero() ? Duration.ofSeconds(1) : waitTimeout;
	}

}
