package dev.bellwether.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import com.github.benmanes.caffeine.cache.Caffeine;

import dev.bellwether.data.CaffeineFleetCaches;
import dev.bellwether.data.DatasetValidator;
import dev.bellwether.data.Datasets;
import dev.bellwether.data.FleetCaches;
import dev.bellwether.data.FleetDatasets;
import dev.bellwether.data.FleetMembership;
import dev.bellwether.leader.LeaderElector;
import dev.bellwether.leader.Leadership;
import dev.bellwether.leader.Ticker;
import dev.bellwether.schedule.FleetScheduler;
import dev.bellwether.schedule.Jobs;
import dev.bellwether.schedule.LeaderScheduledBeanPostProcessor;
import dev.bellwether.spi.CacheStore;
import dev.bellwether.spi.DatasetStore;
import dev.bellwether.spi.JobStore;
import dev.bellwether.spi.LeaderStore;
import dev.bellwether.spi.MemberStore;
import dev.bellwether.spi.Stores;
import dev.bellwether.support.EventLane;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Auto-configuration for Bellwether: leader election, datasets and
 * {@link dev.bellwether.schedule.LeaderScheduled @LeaderScheduled} jobs over the
 * {@link Stores} of a backend: Redis when the application has a
 * {@link RedisConnectionFactory}, else (or with {@code bellwether.store=memory}, or in
 * {@code every-instance} mode) stores in this instance's memory.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "bellwether.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BellwetherProperties.class)
@Import({ RedisStoresConfiguration.class, InMemoryStoresConfiguration.class })
@ImportRuntimeHints(BellwetherRuntimeHints.class)
public final class BellwetherAutoConfiguration {

	/**
	 * The settings, checked once: a bad property stops start-up here, naming it.
	 */
	@Bean
	BellwetherSettings bellwetherSettings(BellwetherProperties properties) {
		return new BellwetherSettings(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	LeaderStore bellwetherLeaderStore(Stores stores) {
		return stores.leader();
	}

	/**
	 * The election's threads: platform threads even with virtual threads enabled, so that
	 * a renewal never waits for a carrier thread that the application's virtual threads
	 * occupy (or pin) when the leadership's deadline nears.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "bellwetherLeaderScheduler")
	ThreadPoolTaskScheduler bellwetherLeaderScheduler() {
		return scheduler("bellwether-leader-", 2, LeaderElector.PHASE - 1, false);
	}

	/**
	 * The lane on which the application's callbacks run, in order: one thread at a time,
	 * a virtual one with virtual threads enabled.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	EventLane bellwetherEventLane(Environment environment) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("bellwether-events-");
		executor.setDaemon(true);
		executor.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
		return new EventLane(executor);
	}

	@Bean
	@ConditionalOnMissingBean(Leadership.class)
	LeaderElector bellwetherLeadership(LeaderStore store, BellwetherSettings settings, EventLane lane,
			ApplicationEventPublisher events, @Qualifier("bellwetherLeaderScheduler") TaskScheduler scheduler) {
		return new LeaderElector(store, settings.election(), lane, events, scheduler, Ticker.system());
	}

	@Bean
	@ConditionalOnMissingBean(name = "bellwetherSyncScheduler")
	ThreadPoolTaskScheduler bellwetherSyncScheduler(Environment environment) {
		return scheduler("bellwether-sync-", 1, LeaderElector.PHASE - 1, Threading.VIRTUAL.isActive(environment));
	}

	@Bean
	@ConditionalOnMissingBean
	DatasetStore bellwetherDatasetStore(Stores stores) {
		return stores.datasets();
	}

	@Bean
	@ConditionalOnMissingBean(Datasets.class)
	FleetDatasets bellwetherDatasets(DatasetStore store, Leadership leadership, ObjectProvider<JsonMapper> jsonMapper,
			EventLane lane, ApplicationEventPublisher events,
			@Qualifier("bellwetherSyncScheduler") TaskScheduler scheduler, BellwetherSettings settings,
			ApplicationContext context) {
		FleetDatasets datasets = new FleetDatasets(store, leadership, jsonMapper.getIfAvailable(JsonMapper::shared),
				lane, events, scheduler, settings.datasets());
		LeadershipListeners.add(leadership, context, datasets::leadershipChanged);
		return datasets;
	}

	/**
	 * Hands every {@link DatasetValidator} bean to the datasets once every singleton
	 * exists, before anything can be published (leadership starts later), rather than
	 * when the datasets are created: a configuration class that injects {@code Datasets}
	 * can then declare a validator too.
	 */
	@Bean
	static SmartInitializingSingleton bellwetherDatasetValidators(ObjectProvider<FleetDatasets> datasets,
			ObjectProvider<DatasetValidator<?>> validators) {
		return () -> datasets.ifAvailable((fleet) -> validators.orderedStream().forEach(fleet::addValidator));
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
			@Qualifier("bellwetherSyncScheduler") TaskScheduler scheduler, BellwetherSettings settings) {
		FleetMembership membership = new FleetMembership(store, leadership, datasets,
				settings.datasets().verifyInterval(), scheduler);
		datasets.addListener(membership::updated);
		return membership;
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
	ThreadPoolTaskScheduler bellwetherTaskScheduler(Environment environment) {
		return scheduler("bellwether-job-", 2, FleetScheduler.PHASE - 1, Threading.VIRTUAL.isActive(environment));
	}

	/**
	 * A scheduler of the library's own, stopped after the component that uses it. With
	 * {@code virtual}, its pool's threads are virtual threads, as Spring Boot's task
	 * scheduler with {@code spring.threads.virtual.enabled}; the pool still bounds how
	 * many tasks run at once.
	 */
	private static ThreadPoolTaskScheduler scheduler(String threadNamePrefix, int poolSize, int phase,
			boolean virtual) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(poolSize);
		scheduler.setThreadNamePrefix(threadNamePrefix);
		if (virtual) {
			scheduler.setThreadFactory(new VirtualThreadTaskExecutor(threadNamePrefix).getVirtualThreadFactory());
		}
		scheduler.setRemoveOnCancelPolicy(true);
		// Stopped in phase order, after the component it serves, not at the context's
		// close event, which comes first: its last renewal or release still runs.
		scheduler.setAcceptTasksAfterContextClose(true);
		scheduler.setPhase(phase);
		return scheduler;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(FleetDatasets.class)
	FleetScheduler bellwetherScheduler(LeaderScheduledBeanPostProcessor processor, JobStore store,
			Leadership leadership, FleetDatasets datasets,
			@Qualifier("bellwetherTaskScheduler") ThreadPoolTaskScheduler scheduler,
			ObjectProvider<ObservationRegistry> observations, BellwetherSettings settings, ApplicationContext context) {
		FleetScheduler jobs = new FleetScheduler(processor, store, leadership, datasets, scheduler, settings.retry(),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP));
		LeadershipListeners.add(leadership, context, jobs::leadershipChanged);
		return jobs;
	}

	/**
	 * The fleet-wide operations on the jobs, for the application: run one now, here or on
	 * the leader, pause or resume one.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(FleetScheduler.class)
	Jobs bellwetherJobs(FleetScheduler scheduler) {
		return scheduler.operations();
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
				ObjectProvider<JsonMapper> jsonMapper, BellwetherSettings settings) {
			return new CaffeineFleetCaches(store, leadership, jsonMapper.getIfAvailable(JsonMapper::shared),
					settings.datasets());
		}

	}

}
