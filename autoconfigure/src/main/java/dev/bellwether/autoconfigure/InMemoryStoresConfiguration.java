package dev.bellwether.autoconfigure;

import dev.bellwether.memory.InMemoryStores;
import dev.bellwether.spi.Stores;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The in-memory backend, when no other backend applies: a single instance, local
 * development and tests ({@code bellwether.store=memory}), or each instance on its own in
 * {@code every-instance} mode, so that each leads and runs every job.
 */
@Configuration(proxyBeanMethods = false)
class InMemoryStoresConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Stores bellwetherInMemoryStores(BellwetherSettings settings) {
		settings.checkMemoryStore();
		return InMemoryStores.create();
	}

}
