package dev.bellwether.autoconfigure;

import dev.bellwether.redis.RedisStores;
import dev.bellwether.store.Stores;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The Redis backend: the group's stores in the application's Redis, in {@code leader}
 * mode, unless {@code bellwether.store=memory}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnBean(RedisConnectionFactory.class)
@ConditionalOnProperty(name = "bellwether.store", havingValue = "redis", matchIfMissing = true)
@ConditionalOnProperty(name = "bellwether.mode", havingValue = "leader", matchIfMissing = true)
class RedisStoresConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Stores bellwetherStores(RedisConnectionFactory connectionFactory, RedisMessageListenerContainer listenerContainer,
			BellwetherProperties properties, Environment environment) {
		return new RedisStores(connectionFactory, listenerContainer, ResolvedProperties.group(properties, environment),
				ResolvedProperties.redisSettings(properties));
	}

	/**
	 * A listener container when the application has none, dispatching messages on one
	 * thread of its own, in order, rather than on a new thread per message: a virtual
	 * thread with {@code spring.threads.virtual.enabled}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(RedisMessageListenerContainer.class)
	static class ListenerContainerConfiguration {

		@Bean
		ThreadPoolTaskExecutor bellwetherListenerExecutor(Environment environment) {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(1);
			executor.setMaxPoolSize(1);
			executor.setThreadNamePrefix("bellwether-events-");
			if (Threading.VIRTUAL.isActive(environment)) {
				executor
					.setThreadFactory(new VirtualThreadTaskExecutor("bellwether-events-").getVirtualThreadFactory());
			}
			return executor;
		}

		@Bean
		RedisMessageListenerContainer redisMessageListenerContainer(RedisConnectionFactory connectionFactory,
				@Qualifier("bellwetherListenerExecutor") ThreadPoolTaskExecutor executor) {
			RedisMessageListenerContainer container = new RedisMessageListenerContainer();
			container.setConnectionFactory(connectionFactory);
			container.setTaskExecutor(executor);
			ExponentialBackOff recovery = new ExponentialBackOff(100, 2);
			recovery.setMaxInterval(5000);
			container.setRecoveryBackoff(recovery);
			return container;
		}

	}

}
