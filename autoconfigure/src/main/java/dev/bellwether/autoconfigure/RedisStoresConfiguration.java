package dev.bellwether.autoconfigure;

import dev.bellwether.redis.RedisStores;
import dev.bellwether.store.Stores;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
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

	/**
	 * The library's own listener executor: one thread, messages in order, rather than a
	 * new thread per message. Declared before the stores, as is the container, so that
	 * neither is made when the application brings stores of its own.
	 */
	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(Stores.class)
	ThreadPoolTaskExecutor bellwetherListenerExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setThreadNamePrefix("bellwether-events-");
		return executor;
	}

	/**
	 * The library's own listener container, beside any the application has: Spring Boot
	 * auto-configures one whenever spring-messaging is present (the data-redis starter
	 * brings it), dispatching every message on a new thread, and reusing that one would
	 * start a thread per announcement on every instance. Not a default candidate, so the
	 * application's injection of a container by type is left as it was.
	 */
	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(Stores.class)
	RedisMessageListenerContainer bellwetherListenerContainer(RedisConnectionFactory connectionFactory,
			@Qualifier("bellwetherListenerExecutor") ThreadPoolTaskExecutor executor) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		container.setTaskExecutor(executor);
		ExponentialBackOff recovery = new ExponentialBackOff(100, 2);
		recovery.setMaxInterval(5000);
		container.setRecoveryBackoff(recovery);
		return container;
	}

	@Bean
	@ConditionalOnMissingBean
	Stores bellwetherStores(RedisConnectionFactory connectionFactory,
			@Qualifier("bellwetherListenerContainer") RedisMessageListenerContainer listenerContainer,
			BellwetherProperties properties, Environment environment) {
		return new RedisStores(connectionFactory, listenerContainer, ResolvedProperties.group(properties, environment),
				ResolvedProperties.redisSettings(properties));
	}

}
