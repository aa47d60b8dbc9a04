package dev.bellwether.spi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.bellwether.redis.RedisStores;

import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The Redis backend over any topology a connection factory reaches; each instance of a
 * group gets its own listener container, subscribed before it is handed out.
 */
final class RedisBackend extends Backend {

	private final RedisConnectionFactory connectionFactory;

	private final Runnable flushAll;

	private final List<RedisMessageListenerContainer> containers = new CopyOnWriteArrayList<>();

	RedisBackend(RedisConnectionFactory connectionFactory, Runnable flushAll) {
		this.connectionFactory = connectionFactory;
		this.flushAll = flushAll;
	}

	/**
	 * A started Lettuce connection factory over any topology.
	 * @param configuration the standalone, Sentinel or Cluster configuration
	 * @return the factory, to destroy when done
	 */
	static LettuceConnectionFactory connect(RedisConfiguration configuration) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	@Override
	Stores stores(String group) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(this.connectionFactory);
		container.setTaskExecutor(new SyncTaskExecutor());
		RedisStores stores = new RedisStores(this.connectionFactory, container, group,
				new RedisStores.Settings(1024 * 1024, null));
		container.afterPropertiesSet();
		container.start();
		this.containers.add(container);
		return stores;
	}

	@Override
	void empty() {
		this.flushAll.run();
	}

	@Override
	void release() {
		for (RedisMessageListenerContainer container : this.containers) {
			try {
				container.destroy();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		this.containers.clear();
	}

}
