package dev.bellwether.chaos;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

/**
 * Lettuce connections of the suite's own, straight to one redis-server each (never
 * through an instance's proxy, never cluster-aware): a connect gives up after half a
 * second, and a lost connection is tried again every tenth of a second, so that a
 * restarted server is reached, and its subscriptions renewed, within a tenth of a second
 * of its start.
 */
final class DirectClient implements AutoCloseable {

	private final ClientResources resources = ClientResources.builder()
		.reconnectDelay(Delay.constant(Duration.ofMillis(100)))
		.build();

	private final RedisClient client = RedisClient.create(this.resources);

	DirectClient() {
		this.client.setOptions(ClientOptions.builder()
			.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(500)).build())
			.build());
	}

	/**
	 * Connects to the redis-server on a loopback port.
	 * @param port its port
	 * @return the connection
	 */
	StatefulRedisConnection<String, String> connect(int port) {
		return this.client.connect(RedisURI.create("127.0.0.1", port));
	}

	/**
	 * Connects to the redis-server on a loopback port for subscriptions.
	 * @param port its port
	 * @return the connection
	 */
	StatefulRedisPubSubConnection<String, String> connectPubSub(int port) {
		return this.client.connectPubSub(RedisURI.create("127.0.0.1", port));
	}

	/** Closes every connection and the client's threads. */
	@Override
	public void close() {
		this.client.shutdown();
		this.resources.shutdown();
	}

}
