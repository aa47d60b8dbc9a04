package dev.bellwether.data;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.bellwether.leader.Leadership;
import dev.bellwether.spi.CacheStore;

import org.springframework.util.Assert;

/**
 * The group's {@link FleetCache}s on this instance, each a bounded Caffeine cache whose
 * entries follow the leader's writes announced on the group's channel.
 */
public final class CaffeineFleetCaches implements FleetCaches, CacheStore.Listener {

	private static final Log logger = LogFactory.getLog(CaffeineFleetCaches.class);

	private final CacheStore store;

	private final Leadership leadership;

	private final JsonMapper json;

	private final FleetDatasets.Settings settings;

	private final Map<String, CaffeineFleetCache<?, ?>> caches = new ConcurrentHashMap<>();

	private final List<Consumer<FleetCache<?, ?>>> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Creates the caches of one instance.
	 * @param store where the entries are kept
	 * @param leadership this instance's leadership
	 * @param json the mapper that encodes and decodes keys and values
	 * @param settings how to sync: entries live one verify interval
	 */
	public CaffeineFleetCaches(CacheStore store, Leadership leadership, JsonMapper json,
			FleetDatasets.Settings settings) {
		this.store = store;
		this.leadership = leadership;
		this.json = json;
		this.settings = settings;
		store.subscribe(this);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <K, V> FleetCache<K, V> get(String name, Class<K> keyType, Class<V> valueType, long maximumSize) {
		CaffeineFleetCache<?, ?> cache = this.caches.computeIfAbsent(name, (key) -> {
			Names.check("Cache", key);
			CaffeineFleetCache<?, ?> created = new CaffeineFleetCache<>(key, keyType, valueType, maximumSize,
					this.store, this.leadership, this.json, this.settings);
			this.listeners.forEach((listener) -> listener.accept(created));
			return created;
		});
		Assert.isTrue(cache.keyType() == keyType && cache.valueType() == valueType,
				() -> "Cache '" + name + "' exists with key and value types " + cache.keyType().getName() + ", "
						+ cache.valueType().getName());
		return (FleetCache<K, V>) cache;
	}

	@Override
	public Collection<FleetCache<?, ?>> all() {
		return List.copyOf(this.caches.values());
	}

	/**
	 * Calls a listener with every cache, those created already and those to come.
	 * @param listener the listener
	 */
	public void forEachCache(Consumer<FleetCache<?, ?>> listener) {
		this.listeners.add(listener);
		this.caches.values().forEach(listener);
	}

	@Override
	public void changed(CacheStore.Entry entry) {
		CaffeineFleetCache<?, ?> cache = this.caches.get(entry.cache());
		if (cache == null) {
			return;
		}
		try {
			cache.changed(entry);
		}
		catch (JacksonException ex) {
			logger.warn("Dropped an unreadable change of cache '" + entry.cache() + "'");
		}
	}

}
