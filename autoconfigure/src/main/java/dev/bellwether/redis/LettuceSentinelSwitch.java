package dev.bellwether.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConverters;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Moves the application's Redis connections to the new master as soon as the Sentinels
 * switch it ({@code +switch-master}), rather than when they demote the old master and it
 * disconnects its clients some seconds later: Lettuce resolves the master once per
 * connection, and a manual {@code SENTINEL FAILOVER} leaves the old master accepting
 * writes meanwhile. On a switch of the configured master it resets the connection
 * factory's shared connections and restarts the running listener containers of that
 * factory, so that both resolve the master again.
 * <p>
 * Lettuce asks the Sentinels in their configured order: the connections move on the first
 * report of a switch, and again if the first Sentinel Lettuce can reach reports it only
 * later. Subscribing never holds up start-up or shutdown: connections are made in the
 * background, retried until they succeed, and then reconnect by themselves.
 */
final class LettuceSentinelSwitch implements SmartLifecycle {

	static final String CHANNEL = "+switch-master";

	private static final Log logger = LogFactory.getLog(LettuceSentinelSwitch.class);

	private static final long RETRY_MILLIS = 1000;

	private final LettuceConnectionFactory connectionFactory;

	/** Every listener container, the library's own (not a default candidate) included. */
	private final ListableBeanFactory beans;

	// Guarded by this.
	private @Nullable ScheduledExecutorService executor;

	// Guarded by this; one slot per Sentinel, in the configured order.
	private final List<@Nullable StatefulRedisPubSubConnection<String, String>> connections = new ArrayList<>();

	// Executor thread only.
	private @Nullable String lastSwitch;

	// Executor thread only: whether the first reachable Sentinel reported the last
	// switch.
	private boolean confirmed;

	LettuceSentinelSwitch(LettuceConnectionFactory connectionFactory, ListableBeanFactory beans) {
		this.connectionFactory = connectionFactory;
		this.beans = beans;
	}

	@Override
	public synchronized void start() {
		RedisSentinelConfiguration sentinel = this.connectionFactory.getSentinelConfiguration();
		if (this.executor != null || sentinel == null
				|| !(this.connectionFactory.getNativeClient() instanceof RedisClient client)) {
			return;
		}
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "bellwether-sentinel-switch");
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		this.executor = executor;
		List<RedisURI> sentinels = sentinelUris(sentinel);
		for (int i = 0; i < sentinels.size(); i++) {
			this.connections.add(null);
			int index = i;
			executor.execute(() -> subscribe(client, sentinels.get(index), index, executor));
		}
	}

	private List<RedisURI> sentinelUris(RedisSentinelConfiguration sentinel) {
		List<RedisURI> uris = new ArrayList<>(
				LettuceConverters.sentinelConfigurationToRedisURI(sentinel).getSentinels());
		var clientConfiguration = this.connectionFactory.getClientConfiguration();
		for (RedisURI uri : uris) {
			uri.setSsl(clientConfiguration.isUseSsl());
			uri.setVerifyPeer(clientConfiguration.getVerifyMode());
			uri.setStartTls(clientConfiguration.isStartTls());
			uri.setTimeout(clientConfiguration.getCommandTimeout());
		}
		return uris;
	}

	private void subscribe(RedisClient client, RedisURI sentinel, int index, ScheduledExecutorService executor) {
		CompletableFuture<StatefulRedisPubSubConnection<String, String>> connecting;
		try {
			connecting = client.connectPubSubAsync(StringCodec.UTF8, sentinel).toCompletableFuture();
		}
		catch (RuntimeException ex) {
			connecting = CompletableFuture.failedFuture(ex);
		}
		connecting.thenCompose((connection) -> {
			connection.addListener(new RedisPubSubAdapter<>() {
				@Override
				public void message(String channel, String message) {
					run(executor, () -> switched(index, message));
				}
			});
			return connection.async().subscribe(CHANNEL).toCompletableFuture().thenApply((ignored) -> connection);
		}).whenComplete((connection, failure) -> {
			if (failure == null && keep(index, connection)) {
				return;
			}
			if (connection != null) {
				connection.closeAsync();
			}
			if (failure != null) {
				logger.debug("Could not subscribe to Sentinel " + sentinel + "; retrying", failure);
				run(executor, () -> executor.schedule(() -> subscribe(client, sentinel, index, executor), RETRY_MILLIS,
						TimeUnit.MILLISECONDS));
			}
		});
	}

	/** Runs a task unless stopped. */
	private static void run(ScheduledExecutorService executor, Runnable task) {
		try {
			executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// stopped
		}
	}

	private synchronized boolean keep(int index, StatefulRedisPubSubConnection<String, String> connection) {
		if (this.executor == null) {
			return false;
		}
		this.connections.set(index, connection);
		return true;
	}

	/**
	 * Moves the connections on the first report of a switch of the configured master, and
	 * once more when the first Sentinel that Lettuce can reach reports it later: a
	 * Sentinel that reports a switch learnt it from the one that failed over, which names
	 * the new master already, but the others may not have heard of it yet.
	 */
	private void switched(int index, String message) {
		String[] parts = message.split(" ");
		RedisSentinelConfiguration sentinel = this.connectionFactory.getSentinelConfiguration();
		if (parts.length != 5 || sentinel == null || sentinel.getMaster() == null
				|| !parts[0].equals(sentinel.getMaster().getName())) {
			return;
		}
		boolean first = isFirstReachable(index);
		if (!message.equals(this.lastSwitch)) {
			this.lastSwitch = message;
			this.confirmed = first;
			logger.info("Redis Sentinel switched master '" + parts[0] + "' from " + parts[1] + ":" + parts[2] + " to "
					+ parts[3] + ":" + parts[4] + "; moving the connections there");
			move();
		}
		else if (!this.confirmed && first) {
			this.confirmed = true;
			logger.debug("The first reachable Sentinel confirms the switch; moving the connections again");
			move();
		}
	}

	private void move() {
		this.connectionFactory.resetConnection();
		this.beans.getBeansOfType(RedisMessageListenerContainer.class)
			.values()
			.stream()
			.filter((container) -> container.getConnectionFactory() == this.connectionFactory)
			.forEach(this::resubscribe);
	}

	private synchronized boolean isFirstReachable(int index) {
		for (int i = 0; i < index; i++) {
			StatefulRedisPubSubConnection<String, String> connection = this.connections.get(i);
			if (connection != null && connection.isOpen()) {
				return false;
			}
		}
		return this.executor != null;
	}

	private void resubscribe(RedisMessageListenerContainer container) {
		synchronized (this) {
			if (this.executor == null || !container.isRunning()) {
				return;
			}
		}
		container.stop();
		container.start();
	}

	@Override
	public void stop() {
		List<StatefulRedisPubSubConnection<String, String>> open = new ArrayList<>();
		synchronized (this) {
			if (this.executor == null) {
				return;
			}
			this.executor.shutdownNow();
			this.executor = null;
			this.connections.forEach((connection) -> {
				if (connection != null) {
					open.add(connection);
				}
			});
			this.connections.clear();
		}
		open.forEach(StatefulRedisPubSubConnection::closeAsync);
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	/** Starts after the connection factory, stops before it. */
	@Override
	public int getPhase() {
		int phase = this.connectionFactory.getPhase();
		return (phase < Integer.MAX_VALUE) ? phase + 1 : phase;
	}

}
