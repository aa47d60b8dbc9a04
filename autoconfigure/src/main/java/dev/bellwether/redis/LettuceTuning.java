package dev.bellwether.redis;

import java.time.Duration;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.Assert;

/**
 * What the Redis backend adds to the application's Lettuce client so that a failover
 * reaches the leader in time: for the auto-configuration, which declares each only where
 * the application's Redis is of that kind.
 */
public final class LettuceTuning {

	private LettuceTuning() {
	}

	/**
	 * Moves the application's connections to the new master as soon as the Sentinels
	 * switch it, rather than when the old master disconnects its clients.
	 * @param connectionFactory the application's connection factory, configured with
	 * Sentinels
	 * @param beans where to find the listener containers to restart on a switch
	 * @return a lifecycle that follows the Sentinels while it runs
	 */
	public static SmartLifecycle sentinelSwitch(LettuceConnectionFactory connectionFactory, ListableBeanFactory beans) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(beans, "'beans' must not be null");
		return new LettuceSentinelSwitch(connectionFactory, beans);
	}

	/**
	 * Refreshes a Redis Cluster's topology often enough for a leader to come back within
	 * ttl + renew interval after a master fails.
	 * @param ttl the leader ttl, the refresh period
	 * @param renewInterval the renew interval, the shortest time between two adaptive
	 * refreshes (at most Lettuce's default)
	 * @return a customizer of the application's Lettuce client
	 */
	public static LettuceClientConfigurationBuilderCustomizer clusterRefresh(Duration ttl, Duration renewInterval) {
		Assert.notNull(ttl, "'ttl' must not be null");
		Assert.notNull(renewInterval, "'renewInterval' must not be null");
		return new LettuceClusterRefresh(ttl, renewInterval);
	}

}
