package dev.bellwether.autoconfigure;

import org.jspecify.annotations.Nullable;

import dev.bellwether.spi.MemberStore;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What Bellwether loads as resources or binds reflectively, for ahead-of-time processing
 * and native images: the Redis backend's Lua scripts and the JSON of the fleet's member
 * records. {@code @LeaderScheduled} methods and the types they publish are registered
 * through the annotation; the configuration properties by Spring Boot.
 */
class BellwetherRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern("dev/bellwether/redis/*.lua");
		hints.resources().registerPattern("dev/bellwether/redis/lib/*.lua");
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), MemberStore.Member.class);
	}

}
