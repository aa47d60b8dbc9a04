package dev.bellwether.spi;

import java.util.Set;

import org.junit.jupiter.api.AfterAll;

import dev.bellwether.test.RedisSentinel;

import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Every store contract against {@link dev.bellwether.redis.RedisStores} on Redis Sentinel
 * (one master, two replicas, three Sentinels), reached through the Sentinels.
 */
class RedisSentinelStoresContractTests extends StoresContractTests {

	static final RedisSentinel sentinel = RedisSentinel.start();

	static final LettuceConnectionFactory connectionFactory = RedisBackend
		.connect(new RedisSentinelConfiguration(sentinel.masterName(), Set.copyOf(sentinel.sentinelNodes())));

	static final Backend backend = new RedisBackend(connectionFactory, () -> sentinel.currentMaster().flushAll());

	@AfterAll
	static void close() {
		backend.close();
		connectionFactory.destroy();
		sentinel.close();
	}

	@Override
	Backend backend() {
		return backend;
	}

}
