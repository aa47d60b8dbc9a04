package dev.bellwether.spi;

import org.junit.jupiter.api.AfterAll;

import dev.bellwether.test.RedisCluster;
import dev.bellwether.test.RedisServer;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Every store contract against {@link dev.bellwether.redis.RedisStores} on Redis Cluster
 * (three masters with a replica each); emptying it flushes every master.
 */
class RedisClusterStoresContractTests extends StoresContractTests {

	static final RedisCluster cluster = RedisCluster.start();

	static final LettuceConnectionFactory connectionFactory = RedisBackend
		.connect(new RedisClusterConfiguration(cluster.clusterNodes()));

	static final Backend backend = new RedisBackend(connectionFactory, RedisClusterStoresContractTests::flushMasters);

	@AfterAll
	static void close() {
		backend.close();
		connectionFactory.destroy();
		cluster.close();
	}

	@Override
	Backend backend() {
		return backend;
	}

	private static void flushMasters() {
		cluster.nodes()
			.stream()
			.filter((node) -> node.commands().info("replication").contains("role:master"))
			.forEach(RedisServer::flushAll);
	}

}
