package dev.bellwether.autoconfigure;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * When Bellwether follows the Sentinels' {@code +switch-master}, without a Redis: the
 * Sentinels named here are not reachable, which never holds up start-up or shutdown.
 */
class LettuceSentinelSwitchTests {

	private static final String SWITCH = "bellwetherSentinelSwitch";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, BellwetherAutoConfiguration.class))
		.withPropertyValues("spring.application.name=orders")
		.withUserConfiguration(LettuceClusterRefreshTests.UnstartedListenerContainer.class);

	@Test
	void followsTheSentinelsOfTheProperties() {
		this.contextRunner
			.withPropertyValues("spring.data.redis.sentinel.master=orders",
					"spring.data.redis.sentinel.nodes=127.0.0.1:1,127.0.0.1:2")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean(SWITCH);
				assertThat(context.getBean(SWITCH, SmartLifecycle.class).isRunning()).isTrue();
				assertThat(context.getBean(SWITCH, SmartLifecycle.class).getPhase())
					.isGreaterThan(context.getBean(LettuceConnectionFactory.class).getPhase());
			});
	}

	@Test
	void followsTheSentinelsOfAConfigurationBean() {
		this.contextRunner.withUserConfiguration(UserSentinelConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed().hasBean(SWITCH));
	}

	@Test
	void neverWaitsOnSentinelsThatDoNotAnswer() {
		// a black-holed address: connecting would hang until Lettuce's connect timeout
		assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> this.contextRunner
					.withPropertyValues("spring.data.redis.sentinel.master=orders",
							"spring.data.redis.sentinel.nodes=10.255.255.1:26379", "spring.data.redis.timeout=1s")
					.run((context) -> assertThat(context.getBean(SWITCH, SmartLifecycle.class).isRunning()).isTrue()));
	}

	@Test
	void isAbsentWithoutSentinels() {
		this.contextRunner.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:1")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SWITCH));
	}

	@Test
	void isAbsentWithTheMemoryStore() {
		this.contextRunner
			.withPropertyValues("spring.data.redis.sentinel.master=orders",
					"spring.data.redis.sentinel.nodes=127.0.0.1:1", "bellwether.store=memory")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SWITCH));
	}

	@Test
	void backsOffWhenTheApplicationDefinesIt() {
		this.contextRunner
			.withPropertyValues("spring.data.redis.sentinel.master=orders",
					"spring.data.redis.sentinel.nodes=127.0.0.1:1")
			.withUserConfiguration(UserSentinelSwitch.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(SWITCH)
				.isInstanceOf(SmartLifecycle.class)
				.extracting((bean) -> bean.getClass().getEnclosingClass())
				.isEqualTo(UserSentinelSwitch.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserSentinelConfiguration {

		@Bean
		RedisSentinelConfiguration redisSentinelConfiguration() {
			return new RedisSentinelConfiguration("orders", Set.of("127.0.0.1:1"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSentinelSwitch {

		@Bean
		SmartLifecycle bellwetherSentinelSwitch() {
			return new SmartLifecycle() {

				private volatile boolean running;

				@Override
				public void start() {
					this.running = true;
				}

				@Override
				public void stop() {
					this.running = false;
				}

				@Override
				public boolean isRunning() {
					return this.running;
				}

			};
		}

	}

}
