package dev.bellwether.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import com.github.benmanes.caffeine.cache.Caffeine;

import dev.bellwether.data.CacheStore;
import dev.bellwether.data.CaffeineFleetCaches;
import dev.bellwether.data.DatasetStore;
import dev.bellwether.data.Datasets;
import dev.bellwether.data.FleetCaches;
import dev.bellwether.data.FleetDatasets;
import dev.bellwether.data.FleetMembership;
import dev.bellwether.data.MemberStore;
import dev.bellwether.leader.LeaderElector;
import dev.bellwether.leader.LeaderStore;
import dev.bellwether.leader.Leadership;
import dev.bellwether.redis.RedisStores;
import dev.bellwether.schedule.FleetScheduler;
import dev.bellwether.schedule.JobStore;
import dev.bellwether.schedule.LeaderScheduledBeanPostProcessor;
import dev.bellwether.store.Stores;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Auto-configuration for Bellwether: leader election, datasets and
 * {@link dev.bellwether.schedule.LeaderScheduled @LeaderScheduled} jobs over Redis.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class,
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(StringRedisTemplate.class)
@ConditionalOnBean(RedisConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "bellwether.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BellwetherProperties.class)
public final class BellwetherAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Stores bellwetherStores(RedisConnectionFactory connectionFactory, RedisMessageListenerContainer listenerContainer,
			BellwetherProperties properties, Environment environment) {
		return new RedisStores(connectionFactory, listenerContainer, ResolvedProperties.group(properties, environment),
				ResolvedProperties.redisSettings(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	LeaderStore bellwetherLeaderStore(Stores stores) {
		return stores.leader();
	}

	@Bean
	@ConditionalOnMissingBean(Leadership.class)
	LeaderElector bellwetherLeadership(LeaderStore store, BellwetherProperties properties,
			ApplicationEventPublisher events) {
		return new LeaderElector(store, ResolvedProperties.nodeId(properties), ResolvedProperties.ttl(properties),
				ResolvedProperties.renewInterval(properties), events);
	}

	@Bean
	@ConditionalOnMissingBean
	DatasetStore bellwetherDatasetStore(Stores stores) {
		return stores.datasets();
	}

	@Bean
	@ConditionalOnMissingBean(Datasets.class)
	FleetDatasets bellwetherDatasets(DatasetStore store, Leadership leadership, ObjectProvider<JsonMapper> jsonMapper,
			ApplicationEventPublisher events, BellwetherProperties properties) {
		return new FleetDatasets(store, leadership, jsonMapper.getIfAvailable(JsonMapper::shared), events,
				ResolvedProperties.datasetSettings(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	MemberStore bellwetherMemberStore(Stores stores) {
		return stores.members();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(FleetDatasets.class)
	FleetMembership bellwetherFleetMembership(MemberStore store, Leadership leadership, FleetDatasets datasets,
			BellwetherProperties properties) {
		return new FleetMembership(store, leadership, datasets, properties.getSync().getVerifyInterval());
	}

	@Bean
	@ConditionalOnMissingBean
	JobStore bellwetherJobStore(Stores stores) {
		return stores.jobs();
	}

	@Bean
	@ConditionalOnMissingBean
	static LeaderScheduledBeanPostProcessor leaderScheduledBeanPostProcessor() {
		return new LeaderScheduledBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean(name = "bellwetherTaskScheduler")
	ThreadPoolTaskScheduler bellwetherTaskScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(2);
		scheduler.setThreadNamePrefix("bellwether-job-");
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.setPhase(FleetScheduler.PHASE - 1);
		return scheduler;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(FleetDatasets.class)
	FleetScheduler bellwetherScheduler(LeaderScheduledBeanPostProcessor processor, JobStore store,
			Leadership leadership, FleetDatasets datasets,
			@Qualifier("bellwetherTaskScheduler") ThreadPoolTaskScheduler scheduler,
			ObjectProvider<ObservationRegistry> observations, BellwetherProperties properties) {
		return new FleetScheduler(processor, store, leadership, datasets, scheduler,
				ResolvedProperties.retrySettings(properties),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP),
				properties.getMode() == BellwetherProperties.Mode.EVERY_INSTANCE);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Caffeine.class)
	static class FleetCacheConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CacheStore bellwetherCacheStore(Stores stores) {
			return stores.caches();
		}

		@Bean
		@ConditionalOnMissingBean(FleetCaches.class)
		CaffeineFleetCaches bellwetherFleetCaches(CacheStore store, Leadership leadership,
				ObjectProvider<JsonMapper> jsonMapper, BellwetherProperties properties) {
			return new CaffeineFleetCaches(store, leadership, jsonMapper.getIfAvailable(JsonMapper::shared),
					ResolvedProperties.datasetSettings(properties));
		}

	}

	/**
	 * A listener container when the application has none, dispatching messages on one
	 * thread of its own, in order, rather than on a new thread per message.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(RedisMessageListenerContainer.class)
	static class ListenerContainerConfiguration {

		@Bean
		ThreadPoolTaskExecutor bellwetherListenerExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(1);
			executor.setMaxPoolSize(1);
			executor.setThreadNamePrefix("bellwether-events-");
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
