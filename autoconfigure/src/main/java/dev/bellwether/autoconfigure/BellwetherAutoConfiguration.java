package dev.bellwether.autoconfigure;

import dev.bellwether.leader.LeaderElector;
import dev.bellwether.leader.LeaderStore;
import dev.bellwether.leader.Leadership;
import dev.bellwether.redis.RedisKeys;
import dev.bellwether.redis.RedisLeaderStore;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Auto-configuration for Bellwether's leader election over Redis.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnClass(StringRedisTemplate.class)
@ConditionalOnBean(RedisConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "bellwether.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BellwetherProperties.class)
public final class BellwetherAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisKeys bellwetherRedisKeys(BellwetherProperties properties, Environment environment) {
		return new RedisKeys(ResolvedProperties.group(properties, environment));
	}

	@Bean
	@ConditionalOnMissingBean
	RedisMessageListenerContainer redisMessageListenerContainer(RedisConnectionFactory connectionFactory) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		return container;
	}

	@Bean
	@ConditionalOnMissingBean
	LeaderStore bellwetherLeaderStore(RedisConnectionFactory connectionFactory,
			RedisMessageListenerContainer listenerContainer, RedisKeys keys) {
		return new RedisLeaderStore(new StringRedisTemplate(connectionFactory), listenerContainer, keys);
	}

	@Bean
	@ConditionalOnMissingBean(Leadership.class)
	LeaderElector bellwetherLeadership(LeaderStore store, BellwetherProperties properties,
			ApplicationEventPublisher events) {
		return new LeaderElector(store, ResolvedProperties.nodeId(properties), ResolvedProperties.ttl(properties),
				ResolvedProperties.renewInterval(properties), events);
	}

}
