package dev.bellwether.autoconfigure;

import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;

import dev.bellwether.redis.LettuceTuning;
import dev.bellwether.redis.RedisStores;
import dev.bellwether.spi.Stores;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.thread.Threading;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

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
	Stores bellwetherStores(RedisConnectionFactory connectionFactory,
			@Qualifier("bellwetherListenerContainer") RedisMessageListenerContainer listenerContainer,
			BellwetherSettings settings, Environment environment) {
		if (!(connectionFactory instanceof ReactiveRedisConnectionFactory)) {
			throw InvalidBellwetherPropertyException.notLettuce(connectionFactory);
		}
		RedisStores stores = new RedisStores(connectionFactory, listenerContainer, settings.group(environment),
				settings.redis(), settings.redisTimeouts());
		stores.checkAccess();
		return stores;
	}

	/**
	 * The library's own listener container for the group's channel, dispatching messages
	 * on one thread of its own (a virtual thread with
	 * {@code spring.threads.virtual.enabled}), in order. It subscribes in the background,
	 * so the application starts while Redis is down and listens once it answers, and
	 * waits at most a second for Redis when it stops. It is not the application's
	 * container: Spring Boot auto-configures one whenever spring-messaging is present
	 * (the data-redis starter brings it), which dispatches every message on a new thread
	 * and fails start-up when Redis is down. Neither bean is a default candidate, so the
	 * application's injection of a container by type is left as it was; a bean named
	 * {@code bellwetherListenerContainer} replaces it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(value = Stores.class, name = "bellwetherListenerContainer")
	static class ListenerContainerConfiguration {

		@Bean(defaultCandidate = false)
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

		@Bean(defaultCandidate = false)
		RedisMessageListenerContainer bellwetherListenerContainer(RedisConnectionFactory connectionFactory,
				@Qualifier("bellwetherListenerExecutor") ThreadPoolTaskExecutor executor) {
			return RedisStores.listenerContainer(connectionFactory, executor);
		}

	}

	/**
	 * Lettuce's cluster topology refresh tuned to the leader's timings, when the
	 * application reaches a Redis Cluster and has not set
	 * {@code spring.data.redis.lettuce.cluster.refresh.period}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RedisClusterClient.class, LettuceClientConfigurationBuilderCustomizer.class })
	static class LettuceClusterRefreshConfiguration {

		static final String PERIOD_PROPERTY = "spring.data.redis.lettuce.cluster.refresh.period";

		@Bean
		@ConditionalOnMissingBean(name = "bellwetherLettuceClusterRefresh")
		LettuceClientConfigurationBuilderCustomizer bellwetherLettuceClusterRefresh(BellwetherSettings settings,
				Environment environment, ObjectProvider<DataRedisConnectionDetails> connectionDetails,
				ObjectProvider<RedisClusterConfiguration> clusterConfiguration) {
			DataRedisConnectionDetails details = connectionDetails.getIfAvailable();
			boolean cluster = (details != null && details.getCluster() != null)
					|| clusterConfiguration.getIfAvailable() != null;
			if (!cluster || environment.containsProperty(PERIOD_PROPERTY)) {
				return (builder) -> {
				};
			}
			return LettuceTuning.clusterRefresh(settings.election().ttl(), settings.election().renewInterval());
		}

	}

	/**
	 * Connections moved to the new master as soon as the Sentinels switch it, when the
	 * application reaches Redis through Sentinels with Lettuce.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisClient.class)
	@ConditionalOnBean(LettuceConnectionFactory.class)
	@Conditional(OnSentinelCondition.class)
	static class LettuceSentinelSwitchConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "bellwetherSentinelSwitch")
		SmartLifecycle bellwetherSentinelSwitch(LettuceConnectionFactory connectionFactory, ListableBeanFactory beans) {
			return LettuceTuning.sentinelSwitch(connectionFactory, beans);
		}

	}

	/**
	 * Sentinels configured with {@code spring.data.redis.sentinel.master} or a
	 * {@link RedisSentinelConfiguration} bean.
	 */
	static class OnSentinelCondition extends AnyNestedCondition {

		OnSentinelCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("spring.data.redis.sentinel.master")
		static class SentinelProperty {

		}

		@ConditionalOnBean(RedisSentinelConfiguration.class)
		static class SentinelConfigurationBean {

		}

	}

}
