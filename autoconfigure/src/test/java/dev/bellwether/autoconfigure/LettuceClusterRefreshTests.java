package dev.bellwether.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lettuce's cluster topology refresh as Bellwether sets it, or leaves it, without a
 * Redis: only the client options are looked at, nothing connects.
 */
class LettuceClusterRefreshTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, BellwetherAutoConfiguration.class))
		.withPropertyValues("spring.application.name=orders", "bellwether.leader.ttl=3s",
				"bellwether.leader.renew-interval=1s")
		.withUserConfiguration(UnstartedListenerContainer.class);

	@Test
	void clusterFromPropertiesRefreshesEveryTtlAndAdaptivelyOncePerRenewInterval() {
		this.contextRunner.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:1").run((context) -> {
			ClusterTopologyRefreshOptions refresh = refreshOptions(context);
			assertThat(refresh.isPeriodicRefreshEnabled()).isTrue();
			assertThat(refresh.getRefreshPeriod()).isEqualTo(Duration.ofSeconds(3));
			assertThat(refresh.getAdaptiveRefreshTriggers())
				.containsExactlyInAnyOrder(ClusterTopologyRefreshOptions.RefreshTrigger.values());
			assertThat(refresh.getAdaptiveRefreshTimeout()).isEqualTo(Duration.ofSeconds(1));
		});
	}

	@Test
	void adaptiveRefreshIsNeverRarerThanLettucesDefault() {
		this.contextRunner
			.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:1", "bellwether.leader.ttl=1m",
					"bellwether.leader.renew-interval=20s")
			.run((context) -> assertThat(refreshOptions(context).getAdaptiveRefreshTimeout())
				.isEqualTo(ClusterTopologyRefreshOptions.DEFAULT_ADAPTIVE_REFRESH_TIMEOUT_DURATION));
	}

	@Test
	void clusterFromAConfigurationBeanIsRefreshedToo() {
		this.contextRunner.withUserConfiguration(UserClusterConfiguration.class)
			.run((context) -> assertThat(refreshOptions(context).getRefreshPeriod()).isEqualTo(Duration.ofSeconds(3)));
	}

	@Test
	void keepsBootsDynamicRefreshSourcesProperty() {
		this.contextRunner
			.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:1",
					"spring.data.redis.lettuce.cluster.refresh.dynamic-refresh-sources=false")
			.run((context) -> {
				ClusterTopologyRefreshOptions refresh = refreshOptions(context);
				assertThat(refresh.useDynamicRefreshSources()).isFalse();
				assertThat(refresh.isPeriodicRefreshEnabled()).isTrue();
			});
	}

	@Test
	void leavesARefreshPeriodPropertyAsItIs() {
		this.contextRunner
			.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:1",
					"spring.data.redis.lettuce.cluster.refresh.period=42s")
			.run((context) -> {
				ClusterTopologyRefreshOptions refresh = refreshOptions(context);
				assertThat(refresh.getRefreshPeriod()).isEqualTo(Duration.ofSeconds(42));
				assertThat(refresh.getAdaptiveRefreshTimeout())
					.isEqualTo(ClusterTopologyRefreshOptions.DEFAULT_ADAPTIVE_REFRESH_TIMEOUT_DURATION);
			});
	}

	@Test
	void leavesTheApplicationsOwnTopologyRefreshAsItIs() {
		this.contextRunner.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:1")
			.withUserConfiguration(UserTopologyRefresh.class)
			.run((context) -> {
				ClusterTopologyRefreshOptions refresh = refreshOptions(context);
				assertThat(refresh.isPeriodicRefreshEnabled()).isFalse();
				assertThat(refresh.getAdaptiveRefreshTriggers())
					.containsExactly(ClusterTopologyRefreshOptions.RefreshTrigger.MOVED_REDIRECT);
			});
	}

	@Test
	void leavesStandaloneRedisAlone() {
		this.contextRunner.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:1")
			.run((context) -> assertThat(clientOptions(context)).isNotInstanceOf(ClusterClientOptions.class));
	}

	@Test
	void leavesLettuceAloneWithTheMemoryStore() {
		this.contextRunner.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:1", "bellwether.store=memory")
			.run((context) -> assertThat(refreshOptions(context).isPeriodicRefreshEnabled()).isFalse());
	}

	@Test
	void withoutLettucesClusterClientHasNoCustomizer() {
		this.contextRunner.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:1")
			.withClassLoader(new FilteredClassLoader(RedisClusterClient.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("bellwetherLettuceClusterRefresh"));
	}

	private static ClientOptions clientOptions(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(LettuceConnectionFactory.class)
			.getClientConfiguration()
			.getClientOptions()
			.orElseThrow();
	}

	private static ClusterTopologyRefreshOptions refreshOptions(AssertableApplicationContext context) {
		ClientOptions options = clientOptions(context);
		assertThat(options).isInstanceOf(ClusterClientOptions.class);
		return ((ClusterClientOptions) options).getTopologyRefreshOptions();
	}

	@Configuration(proxyBeanMethods = false)
	static class UnstartedListenerContainer {

		@Bean
		RedisMessageListenerContainer redisMessageListenerContainer(RedisConnectionFactory connectionFactory) {
			RedisMessageListenerContainer container = new RedisMessageListenerContainer();
			container.setConnectionFactory(connectionFactory);
			container.setAutoStartup(false);
			return container;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClusterConfiguration {

		@Bean
		RedisClusterConfiguration redisClusterConfiguration() {
			return new RedisClusterConfiguration(List.of("127.0.0.1:1"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTopologyRefresh {

		@Bean
		LettuceClientOptionsBuilderCustomizer onlyOnMovedRedirects() {
			return (builder) -> ((ClusterClientOptions.Builder) builder)
				.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
					.disableAllAdaptiveRefreshTriggers()
					.enableAdaptiveRefreshTrigger(ClusterTopologyRefreshOptions.RefreshTrigger.MOVED_REDIRECT)
					.build());
		}

	}

}
