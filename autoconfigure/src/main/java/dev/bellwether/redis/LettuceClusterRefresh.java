package dev.bellwether.redis;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.core.Ordered;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration.LettuceClientConfigurationBuilder;

/**
 * Makes Lettuce notice a Redis Cluster failover in time for the leader to come back
 * within ttl + renew interval: a periodic topology refresh every leader ttl, and adaptive
 * refreshes (persistent reconnects, redirects, uncovered slots, unknown nodes) at most
 * once per renew interval rather than once per five seconds, Lettuce's default. Without
 * them, the refresh that a killed master triggers at once finds the master not yet
 * replaced, and the next one waits out that five seconds and the reconnect back-off.
 * <p>
 * Runs before the application's own customizers, and leaves alone client options whose
 * topology refresh differs from Lettuce's defaults: what the application configured wins.
 */
final class LettuceClusterRefresh implements LettuceClientConfigurationBuilderCustomizer, Ordered {

	private final Duration period;

	private final Duration adaptiveTimeout;

	/**
	 * Creates the customizer for a leader's timings.
	 * @param ttl the leader ttl, the refresh period
	 * @param renewInterval the renew interval, the shortest time between two adaptive
	 * refreshes (at most Lettuce's default)
	 */
	LettuceClusterRefresh(Duration ttl, Duration renewInterval) {
		this.period = ttl;
		Duration lettuceDefault = ClusterTopologyRefreshOptions.DEFAULT_ADAPTIVE_REFRESH_TIMEOUT_DURATION;
		this.adaptiveTimeout = (renewInterval.compareTo(lettuceDefault) < 0) ? renewInterval : lettuceDefault;
	}

	@Override
	public void customize(LettuceClientConfigurationBuilder builder) {
		ClusterClientOptions options = clusterOptions(builder.build().getClientOptions().orElse(null));
		ClusterTopologyRefreshOptions refresh = options.getTopologyRefreshOptions();
		if (isConfigured(refresh)) {
			return;
		}
		builder.clientOptions(options.mutate()
			.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
				.enableAllAdaptiveRefreshTriggers()
				.adaptiveRefreshTriggersTimeout(this.adaptiveTimeout)
				.enablePeriodicRefresh(this.period)
				.dynamicRefreshSources(refresh.useDynamicRefreshSources())
				.closeStaleConnections(refresh.isCloseStaleConnections())
				.refreshTriggersReconnectAttempts(refresh.getRefreshTriggersReconnectAttempts())
				.build())
			.build());
	}

	@Override
	public int getOrder() {
		return 0;
	}

	private static ClusterClientOptions clusterOptions(@Nullable ClientOptions options) {
		if (options instanceof ClusterClientOptions cluster) {
			return cluster;
		}
		return (options != null) ? ClusterClientOptions.builder(options).build() : ClusterClientOptions.create();
	}

	private static boolean isConfigured(ClusterTopologyRefreshOptions refresh) {
		return refresh.isPeriodicRefreshEnabled()
				|| !refresh.getAdaptiveRefreshTimeout()
					.equals(ClusterTopologyRefreshOptions.DEFAULT_ADAPTIVE_REFRESH_TIMEOUT_DURATION)
				|| !refresh.getAdaptiveRefreshTriggers()
					.equals(ClusterTopologyRefreshOptions.DEFAULT_ADAPTIVE_REFRESH_TRIGGERS);
	}

}
