package dev.bellwether.spi;

import org.junit.jupiter.api.AfterAll;

import dev.bellwether.test.RedisServer;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Every store contract against {@link dev.bellwether.redis.RedisStores} on one standalone
 * redis-server.
 */
class RedisStandaloneStoresContractTests extends StoresContractTests {

	static final RedisServer redis = RedisServer.start();

	static final LettuceConnectionFactory connectionFactory = RedisBackend
		.connect(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));

	static final Backend backend = new RedisBackend(connectionFactory, redis::flushAll);

	@AfterAll
	static void close() {
		backend.close();
		connectionFactory.destroy();
		redis.close();
	}

	@Override
	Backend backend() {
		return backend;
	}

}
