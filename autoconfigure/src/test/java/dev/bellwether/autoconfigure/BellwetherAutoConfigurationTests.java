package dev.bellwether.autoconfigure;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.benmanes.caffeine.cache.Caffeine;

import dev.bellwether.data.CaffeineFleetCaches;
import dev.bellwether.data.Dataset;
import dev.bellwether.data.DatasetValidator;
import dev.bellwether.data.Datasets;
import dev.bellwether.data.FleetCaches;
import dev.bellwether.data.FleetDatasets;
import dev.bellwether.leader.LeaderElector;
import dev.bellwether.leader.Leadership;
import dev.bellwether.memory.InMemoryStores;
import dev.bellwether.redis.RedisStores;
import dev.bellwether.schedule.FleetScheduler;
import dev.bellwether.schedule.JobOutcome;
import dev.bellwether.schedule.Jobs;
import dev.bellwether.schedule.LeaderScheduled;
import dev.bellwether.schedule.RunRequest;
import dev.bellwether.spi.CacheStore;
import dev.bellwether.spi.DatasetStore;
import dev.bellwether.spi.JobStore;
import dev.bellwether.spi.LeaderStore;
import dev.bellwether.spi.LeaderToken;
import dev.bellwether.spi.Stores;
import dev.bellwether.test.RedisServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BellwetherAutoConfigurationTests {

	static final RedisServer redis = RedisServer.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, BellwetherAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.url=" + redis.uri(), "spring.application.name=orders");

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	/**
	 * Each test starts from an empty store: the tests share one group, and a test that
	 * closes its context while a job runs leaves that run's start without an end, which
	 * rightly holds the next test's hourly job back for an interval.
	 */
	@BeforeEach
	void emptyRedis() {
		redis.flushAll();
	}

	@Test
	void electsThisInstanceWithDefaults() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LeaderElector.class)
				.hasSingleBean(RedisStores.class)
				.hasSingleBean(LeaderStore.class)
				.hasSingleBean(RedisMessageListenerContainer.class);
			assertThat(context.getBean(LeaderStore.class)).isSameAs(context.getBean(Stores.class).leader());
			assertThat(context.getBean(RedisStores.class).group()).isEqualTo("orders");
			Leadership leadership = context.getBean(Leadership.class);
			await().until(leadership::isLeader);
			assertThat(leadership.leaderId()).contains(leadership.nodeId());
			assertThat(leadership.nodeId()).matches(".+-" + ProcessHandle.current().pid() + "-[0-9a-f]{6}");
		});
	}

	@Test
	void providesDatasetsAndJobsWithDefaults() {
		this.contextRunner.withUserConfiguration(RefreshJob.class).run((context) -> {
			assertThat(context).hasSingleBean(FleetDatasets.class)
				.hasSingleBean(DatasetStore.class)
				.hasSingleBean(JobStore.class)
				.hasSingleBean(FleetScheduler.class)
				.hasSingleBean(Jobs.class)
				.hasSingleBean(RedisStores.class)
				.hasBean("bellwetherTaskScheduler");
			assertThat(context.getBean(Jobs.class).names()).containsExactly("greeting");
			Dataset<String> greeting = context.getBean(Datasets.class).get("greeting", String.class);
			await().untilAsserted(() -> assertThat(greeting.current()).contains("hello"));
		});
	}

	@Test
	void appliesDatasetValidatorBeansBeforePublishing() {
		this.contextRunner.withUserConfiguration(RefreshJob.class)
			.withPropertyValues("bellwether.store=memory", "bellwether.group=validated")
			.withBean(DatasetValidator.class,
					() -> DatasetValidator.of("greeting", (String value) -> List.of("not a greeting: " + value)))
			.run((context) -> {
				FleetScheduler jobs = context.getBean(FleetScheduler.class);
				await().until(() -> jobs.report().get(0).record().lastError() != null);
				assertThat(jobs.report().get(0).record().lastError()).endsWith("not a greeting: hello");
				assertThat(context.getBean(Datasets.class).get("greeting", String.class).current()).isEmpty();
			});
	}

	@Test
	void appliesADatasetValidatorDeclaredByAConfigurationThatInjectsDatasets() {
		this.contextRunner.withUserConfiguration(RefreshJob.class, ValidatorBesideDatasets.class)
			.withPropertyValues("bellwether.store=memory", "bellwether.group=validated")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				FleetScheduler jobs = context.getBean(FleetScheduler.class);
				await().until(() -> jobs.report().get(0).record().lastError() != null);
				assertThat(jobs.report().get(0).record().lastError()).endsWith("not a greeting: hello");
			});
	}

	@Test
	void backsOffWhenUserDefinesDatasetsAndStores() {
		this.contextRunner.withUserConfiguration(UserDatasets.class)
			.run((context) -> assertThat(context).hasSingleBean(Datasets.class)
				.hasBean("userDatasets")
				.doesNotHaveBean(FleetDatasets.class)
				.doesNotHaveBean(FleetScheduler.class)
				.hasSingleBean(DatasetStore.class)
				.hasBean("userDatasetStore")
				.hasSingleBean(JobStore.class)
				.hasBean("userJobStore"));
	}

	@Test
	void providesFleetCachesWithCaffeine() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(CaffeineFleetCaches.class)
			.hasSingleBean(CacheStore.class));
	}

	@Test
	void withoutCaffeineHasNoFleetCaches() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Caffeine.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(FleetCaches.class)
				.doesNotHaveBean(CacheStore.class)
				.hasSingleBean(Datasets.class));
	}

	@Test
	void everyInstanceModeKeepsEachInstanceInItsOwnMemory() {
		this.contextRunner.withUserConfiguration(RefreshJob.class)
			.withPropertyValues("bellwether.mode=every-instance", "bellwether.group=every-instance")
			.run((context) -> {
				assertThat(context).hasSingleBean(InMemoryStores.class).doesNotHaveBean(RedisStores.class);
				Dataset<String> greeting = context.getBean(Datasets.class).get("greeting", String.class);
				await().untilAsserted(() -> assertThat(greeting.current()).contains("hello"));
				assertThat(context.getBean(Leadership.class).isLeader()).isTrue();
				assertThat(redis.commands().keys("bellwether:{every-instance}:*")).isEmpty();
			});
	}

	@Test
	void memoryStoreIsChosenByPropertyAndRunsTheJobs() {
		this.contextRunner.withUserConfiguration(RefreshJob.class)
			.withPropertyValues("bellwether.store=memory", "bellwether.group=in-memory")
			.run((context) -> {
				assertThat(context).hasSingleBean(InMemoryStores.class)
					.doesNotHaveBean(RedisStores.class)
					.doesNotHaveBean(RedisMessageListenerContainer.class);
				Dataset<String> greeting = context.getBean(Datasets.class).get("greeting", String.class);
				await().untilAsserted(() -> assertThat(greeting.current()).contains("hello"));
				assertThat(redis.commands().keys("bellwether:{in-memory}:*")).isEmpty();
			});
	}

	@Test
	void redisStoreWithoutRedisFailsWithAdvice() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(BellwetherAutoConfiguration.class))
			.withPropertyValues("spring.application.name=orders", "bellwether.store=redis")
			.run((context) -> assertThat(analysis(context).getAction()).contains("bellwether.store=memory"));
	}

	@Test
	void invalidLeaderScheduledFailsNamingTheMethod() {
		this.contextRunner.withUserConfiguration(BadJob.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("BadJob.refresh()")
				.hasMessageContaining("exactly one of fixedRate, fixedDelay and cron"));
	}

	@Test
	void invalidDatasetNameInLeaderScheduledFailsNamingTheMethod() {
		this.contextRunner.withUserConfiguration(BadlyNamedJob.class).run((context) -> {
			FailureAnalysis analysis = nameAnalysis(context);
			assertThat(analysis.getDescription()).contains("'prices api'")
				.contains("@LeaderScheduled(publish) on BadlyNamedJob.refresh()");
			assertThat(analysis.getAction()).contains("'.'").contains("e.g. 'prices-api'");
		});
	}

	@Test
	void invalidDatasetNameInDatasetsGetFailsNamingTheCaller() {
		this.contextRunner.withUserConfiguration(BadlyNamedReader.class).run((context) -> {
			FailureAnalysis analysis = nameAnalysis(context);
			assertThat(analysis.getDescription()).contains("'prices api'")
				.contains(
						"given at BellwetherAutoConfigurationTests$BadlyNamedReader.<init>(BellwetherAutoConfigurationTests.java:");
			assertThat(analysis.getAction()).contains("e.g. 'prices-api'");
		});
	}

	@Test
	void nonPositiveVerifyIntervalFailsWithAdvice() {
		this.contextRunner.withPropertyValues("bellwether.sync.verify-interval=0s")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("'bellwether.sync.verify-interval'"));
	}

	@Test
	void negativeRetriesFailWithAdvice() {
		this.contextRunner.withUserConfiguration(RefreshJob.class)
			.withPropertyValues("bellwether.job.retry.max-retries=-1")
			.run((context) -> assertThat(analysis(context).getAction()).contains("'bellwether.job.retry.max-retries'"));
	}

	@Test
	void multiplierBelowOneFailsWithAdvice() {
		this.contextRunner.withUserConfiguration(RefreshJob.class)
			.withPropertyValues("bellwether.job.retry.multiplier=0.5")
			.run((context) -> assertThat(analysis(context).getAction()).contains("'bellwether.job.retry.multiplier'"));
	}

	@Test
	void nonPositiveDataTtlFailsWithAdvice() {
		this.contextRunner.withPropertyValues("bellwether.data.ttl=-5s")
			.run((context) -> assertThat(analysis(context).getDescription()).contains("'bellwether.data.ttl'"));
	}

	@Test
	void groupAndNodeIdFollowTheirProperties() {
		this.contextRunner.withPropertyValues("bellwether.group=billing:eu", "bellwether.node-id=pod-7")
			.run((context) -> {
				assertThat(context.getBean(RedisStores.class).group()).isEqualTo("billing:eu");
				assertThat(context.getBean(Leadership.class).nodeId()).isEqualTo("pod-7");
			});
	}

	@Test
	void releasesLeadershipWhenTheContextCloses() {
		this.contextRunner.withPropertyValues("bellwether.group=closing").run((context) -> {
			await().until(context.getBean(Leadership.class)::isLeader);
		});
		assertThat(redis.commands().exists("bellwether:{closing}:leader")).isZero();
	}

	@Test
	void backsOffWhenUserDefinesLeadership() {
		this.contextRunner.withUserConfiguration(UserLeadership.class).run((context) -> {
			assertThat(context).hasSingleBean(Leadership.class).doesNotHaveBean(LeaderElector.class);
			assertThat(context.getBean(Leadership.class)).isSameAs(context.getBean("userLeadership"));
		});
	}

	@Test
	void backsOffWhenUserDefinesJobs() {
		this.contextRunner.withUserConfiguration(RefreshJob.class, UserJobs.class).run((context) -> {
			assertThat(context).hasSingleBean(Jobs.class).hasSingleBean(FleetScheduler.class);
			assertThat(context.getBean(Jobs.class)).isSameAs(context.getBean("userJobs"));
		});
	}

	@Test
	void backsOffWhenUserDefinesLeaderStore() {
		this.contextRunner.withUserConfiguration(UserLeaderStore.class)
			.run((context) -> assertThat(context).hasSingleBean(LeaderStore.class)
				.hasBean("userLeaderStore")
				.doesNotHaveBean("bellwetherLeaderStore"));
	}

	@Test
	void buildsEveryStoreFromTheUsersStores() {
		this.contextRunner.withUserConfiguration(UserStores.class).run((context) -> {
			Stores stores = context.getBean("userStores", Stores.class);
			assertThat(context).hasSingleBean(Stores.class);
			assertThat(context.getBean(LeaderStore.class)).isSameAs(stores.leader());
			assertThat(context.getBean(DatasetStore.class)).isSameAs(stores.datasets());
			assertThat(context.getBean(JobStore.class)).isSameAs(stores.jobs());
			assertThat(context.getBean(CacheStore.class)).isSameAs(stores.caches());
		});
	}

	@Test
	void keepsItsOwnListenerContainerBesideTheApplications() {
		this.contextRunner.withUserConfiguration(UserListenerContainer.class).run((context) -> {
			assertThat(context.getBeansOfType(RedisMessageListenerContainer.class)).containsOnlyKeys("userContainer",
					"bellwetherListenerContainer");
			assertThat(context.getBean(RedisMessageListenerContainer.class)).isSameAs(context.getBean("userContainer"));
			assertThat(context.getBean("bellwetherListenerContainer", RedisMessageListenerContainer.class).isRunning())
				.isTrue();
		});
	}

	@Test
	void isDisabledByProperty() {
		this.contextRunner.withPropertyValues("bellwether.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Leadership.class)
				.doesNotHaveBean(LeaderStore.class)
				.doesNotHaveBean(BellwetherProperties.class));
	}

	@Test
	void usesMemoryStoresWithoutRedisConnectionFactory() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(BellwetherAutoConfiguration.class))
			.withPropertyValues("spring.application.name=orders")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(InMemoryStores.class)
				.hasSingleBean(Leadership.class));
	}

	@Test
	void usesMemoryStoresWithoutSpringDataRedis() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(InMemoryStores.class)
				.hasSingleBean(Leadership.class));
	}

	@Test
	void missingGroupFailsWithAdvice() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, BellwetherAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.uri())
			.run((context) -> assertThat(analysis(context).getAction()).contains("Set 'bellwether.group'"));
	}

	@Test
	void aRedisClientOtherThanLettuceFailsWithAdvice() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(BellwetherAutoConfiguration.class))
			.withPropertyValues("spring.application.name=orders")
			.withBean(RedisConnectionFactory.class, BlockingOnlyConnectionFactory::new)
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("Bellwether talks to Redis through Lettuce")
					.contains("RedisConnectionFactory is a ");
				assertThat(analysis.getAction()).contains("io.lettuce:lettuce-core")
					.contains("spring.data.redis.client-type");
			});
	}

	@Test
	void aMaxStalenessThatIsNotPositiveFailsWithAdvice() {
		this.contextRunner.withPropertyValues("bellwether.health.max-staleness=0s").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("'bellwether.health.max-staleness'");
			assertThat(analysis.getAction()).contains("positive duration");
		});
	}

	@Test
	void signingKeyTooShortFailsWithAdviceWithoutShowingIt() {
		this.contextRunner.withPropertyValues("bellwether.security.signing-key=short-secret").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("'bellwether.security.signing-key'")
				.contains("a secret of 12 bytes")
				.contains("too weak for HmacSHA256")
				.doesNotContain("short-secret");
			assertThat(analysis.getAction()).contains("at least 32 bytes");
		});
	}

	@Test
	void invalidGroupFailsWithAdvice() {
		this.contextRunner.withPropertyValues("bellwether.group=my group!").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("'bellwether.group'").contains("my group!");
			assertThat(analysis.getAction()).contains("e.g. 'my-group'");
		});
	}

	@Test
	void applicationNameWithDotsIsTheGroup() {
		this.contextRunner.withPropertyValues("spring.application.name=prices.api").run((context) -> {
			assertThat(context.getBean(RedisStores.class).group()).isEqualTo("prices.api");
			await().until(context.getBean(Leadership.class)::isLeader);
			assertThat(redis.commands().exists("bellwether:{prices.api}:leader")).isOne();
		});
	}

	@Test
	void applicationNameWithOtherCharactersGivesADerivedGroup() {
		this.contextRunner.withPropertyValues("spring.application.name=Order Service {EU}")
			.run((context) -> assertThat(context.getBean(RedisStores.class).group()).isEqualTo("Order-Service-EU"));
	}

	@Test
	void applicationNameWithoutUsableCharactersFailsWithAdvice() {
		this.contextRunner.withPropertyValues("spring.application.name={ }").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("'spring.application.name'");
			assertThat(analysis.getAction()).contains("Set 'bellwether.group'");
		});
	}

	@Test
	void tooShortTtlFailsWithAdvice() {
		this.contextRunner.withPropertyValues("bellwether.leader.ttl=200ms").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("'bellwether.leader.ttl'").contains("200ms");
			assertThat(analysis.getAction()).contains("500ms or more");
		});
	}

	@Test
	void renewIntervalOfHalfTheTtlFailsWithAdvice() {
		this.contextRunner.withPropertyValues("bellwether.leader.ttl=4s", "bellwether.leader.renew-interval=2s")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("'bellwether.leader.renew-interval'");
				assertThat(analysis.getAction()).contains("below 2s");
			});
	}

	@Test
	void negativeRenewIntervalFailsWithAdvice() {
		this.contextRunner.withPropertyValues("bellwether.leader.renew-interval=-1s")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("'bellwether.leader.renew-interval'"));
	}

	@Test
	void invalidNodeIdFailsWithAdvice() {
		this.contextRunner.withPropertyValues("bellwether.node-id=pod#1")
			.run((context) -> assertThat(analysis(context).getAction()).contains("'bellwether.node-id'"));
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidBellwetherPropertyFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class BadlyNamedJob {

		@Bean
		BadlyNamedJob badlyNamedJob() {
			return new BadlyNamedJob();
		}

		@LeaderScheduled(fixedRate = "1h", publish = "prices api")
		String refresh() {
			return "1.0842";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadlyNamedReader {

		BadlyNamedReader(Datasets datasets) {
			datasets.get("prices api", String.class);
		}

	}

	private static FailureAnalysis nameAnalysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidNameFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class RefreshJob {

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ValidatorBesideDatasets {

		private final Datasets datasets;

		ValidatorBesideDatasets(Datasets datasets) {
			this.datasets = datasets;
		}

		@Bean
		DatasetValidator<String> greetingValidator() {
			return DatasetValidator.of("greeting", (value) -> List.of("not a greeting: " + value));
		}

	}

	/**
	 * A real connection factory to the test's redis-server that, like Jedis', offers no
	 * reactive connections.
	 */
	static final class BlockingOnlyConnectionFactory implements RedisConnectionFactory, DisposableBean {

		private final LettuceConnectionFactory lettuce = new LettuceConnectionFactory("127.0.0.1", redis.port());

		BlockingOnlyConnectionFactory() {
			this.lettuce.start();
		}

		@Override
		public RedisConnection getConnection() {
			return this.lettuce.getConnection();
		}

		@Override
		public RedisClusterConnection getClusterConnection() {
			return this.lettuce.getClusterConnection();
		}

		@Override
		public boolean getConvertPipelineAndTxResults() {
			return this.lettuce.getConvertPipelineAndTxResults();
		}

		@Override
		public RedisSentinelConnection getSentinelConnection() {
			return this.lettuce.getSentinelConnection();
		}

		@Override
		public @Nullable DataAccessException translateExceptionIfPossible(RuntimeException ex) {
			return this.lettuce.translateExceptionIfPossible(ex);
		}

		@Override
		public void destroy() {
			this.lettuce.destroy();
		}

	}

	static class Greeter {

		@LeaderScheduled(fixedRate = "1h", publish = "greeting")
		String refresh() {
			return "hello";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadJob {

		@Bean
		BadJob badJob() {
			return new BadJob();
		}

		@LeaderScheduled(fixedRate = "1h", fixedDelay = "1h")
		void refresh() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserDatasets {

		@Bean
		Datasets userDatasets() {
			return new Datasets() {

				@Override
				public <T> Dataset<T> get(String name, Class<T> type) {
					throw new UnsupportedOperationException();
				}

				@Override
				public <T> Dataset<T> get(String name, ParameterizedTypeReference<T> type) {
					throw new UnsupportedOperationException();
				}

				@Override
				public Collection<Dataset<?>> all() {
					return List.of();
				}

			};
		}

		@Bean
		DatasetStore userDatasetStore(Stores stores) {
			return stores.datasets();
		}

		@Bean
		JobStore userJobStore(Stores stores) {
			return stores.jobs();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserJobs {

		@Bean
		RecordingJobs userJobs(FleetScheduler scheduler) {
			return new RecordingJobs(scheduler.operations());
		}

	}

	/**
	 * The application's own {@link Jobs}: Bellwether's, with a record of the pauses and
	 * resumes asked of it.
	 */
	static final class RecordingJobs implements Jobs {

		private final Jobs jobs;

		final List<String> asked = new CopyOnWriteArrayList<>();

		RecordingJobs(Jobs jobs) {
			this.jobs = jobs;
		}

		@Override
		public List<String> names() {
			return this.jobs.names();
		}

		@Override
		public RunRequest runNow(String name) {
			return this.jobs.runNow(name);
		}

		@Override
		public JobOutcome runHere(String name) {
			return this.jobs.runHere(name);
		}

		@Override
		public void pause(String name) {
			this.asked.add("pause " + name);
			this.jobs.pause(name);
		}

		@Override
		public void resume(String name) {
			this.asked.add("resume " + name);
			this.jobs.resume(name);
		}

		@Override
		public boolean isPaused(String name) {
			return this.jobs.isPaused(name);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserLeadership {

		@Bean
		Leadership userLeadership() {
			return new Leadership() {

				@Override
				public boolean isLeader() {
					return true;
				}

				@Override
				public Optional<LeaderToken> token() {
					return Optional.of(new LeaderToken("me", 1));
				}

				@Override
				public String nodeId() {
					return "me";
				}

				@Override
				public Optional<String> leaderId() {
					return Optional.of("me");
				}

				@Override
				public long epoch() {
					return 1;
				}

				@Override
				public boolean stepDown() {
					return false;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserLeaderStore {

		@Bean
		LeaderStore userLeaderStore(RedisConnectionFactory connectionFactory,
				@Qualifier("bellwetherListenerContainer") RedisMessageListenerContainer listenerContainer) {
			return new RedisStores(connectionFactory, listenerContainer, "user-store",
					new RedisStores.Settings(0, null))
				.leader();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserStores {

		@Bean
		RedisMessageListenerContainer userContainer(RedisConnectionFactory connectionFactory) {
			RedisMessageListenerContainer container = new RedisMessageListenerContainer();
			container.setConnectionFactory(connectionFactory);
			return container;
		}

		@Bean
		Stores userStores(RedisConnectionFactory connectionFactory, RedisMessageListenerContainer listenerContainer) {
			return new RedisStores(connectionFactory, listenerContainer, "user-stores",
					new RedisStores.Settings(0, null));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserListenerContainer {

		@Bean
		RedisMessageListenerContainer userContainer(RedisConnectionFactory connectionFactory) {
			RedisMessageListenerContainer container = new RedisMessageListenerContainer();
			container.setConnectionFactory(connectionFactory);
			return container;
		}

	}

}
