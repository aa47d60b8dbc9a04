package dev.bellwether.autoconfigure;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import dev.bellwether.cache.BellwetherCacheManager;
import dev.bellwether.leader.Leadership;
import dev.bellwether.spi.Stores;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of the fleet's {@link CacheManager} when the application enables
 * caching ({@code @EnableCaching}), declares no cache manager of its own and leaves
 * {@code spring.cache.type} unset: it comes before Spring Boot's cache
 * auto-configuration, which then backs off.
 */
@AutoConfiguration(after = BellwetherAutoConfiguration.class,
		beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass(name = "com.github.benmanes.caffeine.cache.Caffeine")
@ConditionalOnBean({ CacheAspectSupport.class, Stores.class, Leadership.class })
@ConditionalOnMissingBean(CacheManager.class)
@Conditional(BellwetherCacheAutoConfiguration.NoOtherCacheType.class)
public final class BellwetherCacheAutoConfiguration {

	@Bean
	BellwetherCacheManager cacheManager(Stores stores, Leadership leadership, ObjectProvider<JsonMapper> jsonMapper,
			BellwetherSettings settings, Environment environment) {
		List<String> names = Binder.get(environment)
			.bind("spring.cache.cache-names", Bindable.listOf(String.class))
			.orElse(List.of());
		return new BellwetherCacheManager(stores.loads(), leadership.nodeId(),
				jsonMapper.getIfAvailable(JsonMapper::shared), settings::cache, names);
	}

	/**
	 * Matches unless {@code spring.cache.type} names one of Spring Boot's cache types.
	 */
	static final class NoOtherCacheType extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String type = context.getEnvironment().getProperty("spring.cache.type");
			return StringUtils.hasText(type) ? ConditionOutcome.noMatch("spring.cache.type is '" + type + "'")
					: ConditionOutcome.match("spring.cache.type is not set");
		}

	}

}
