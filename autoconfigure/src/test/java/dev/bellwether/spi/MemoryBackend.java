package dev.bellwether.spi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.bellwether.memory.InMemoryStores;

/**
 * The in-memory backend: one {@link InMemoryStores} per group, shared by its instances.
 */
final class MemoryBackend extends Backend {

	private final Map<String, InMemoryStores> groups = new ConcurrentHashMap<>();

	@Override
	Stores stores(String group) {
		return this.groups.computeIfAbsent(group, (name) -> InMemoryStores.create());
	}

	@Override
	void empty() {
		this.groups.values().forEach(InMemoryStores::clear);
	}

	@Override
	void release() {
		this.groups.values().forEach(InMemoryStores::close);
		this.groups.clear();
	}

}
