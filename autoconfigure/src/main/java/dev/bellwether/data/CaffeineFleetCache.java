package dev.bellwether.data;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.bellwether.leader.Leadership;
import dev.bellwether.spi.CacheStore;
import dev.bellwether.spi.LeaderToken;

/**
 * One {@link FleetCache}: local entries carry the revision of the write they came from
 * and are replaced only by a newer one.
 */
final class CaffeineFleetCache<K, V> implements FleetCache<K, V> {

	private static final Log logger = LogFactory.getLog(CaffeineFleetCache.class);

	private final String name;

	private final Class<K> keyType;

	private final Class<V> valueType;

	private final CacheStore store;

	private final Leadership leadership;

	private final JsonMapper json;

	private final Cache<K, Versioned<V>> local;

	CaffeineFleetCache(String name, Class<K> keyType, Class<V> valueType, long maximumSize, CacheStore store,
			Leadership leadership, JsonMapper json, FleetDatasets.Settings settings) {
		this.name = name;
		this.keyType = keyType;
		this.valueType = valueType;
		this.store = store;
		this.leadership = leadership;
		this.json = json;
		this.local = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.expireAfterWrite(settings.verifyInterval())
			.recordStats()
			.build();
	}

	@Override
	public String name() {
		return this.name;
	}

	Class<K> keyType() {
		return this.keyType;
	}

	Class<V> valueType() {
		return this.valueType;
	}

	@Override
	public Optional<V> get(K key) {
		Versioned<V> held = this.local.get(key, this::load);
		return (held != null) ? Optional.of(held.value()) : Optional.empty();
	}

	@Override
	public boolean put(K key, V value) {
		return write(key, value);
	}

	@Override
	public boolean remove(K key) {
		return write(key, null);
	}

	@Override
	public CacheStats stats() {
		return this.local.stats();
	}

	@Override
	public long estimatedSize() {
		return this.local.estimatedSize();
	}

	private boolean write(K key, @Nullable V value) {
		LeaderToken token = this.leadership.token().orElse(null);
		long revision = (token != null) ? this.store.write(token, this.name, this.json.writeValueAsString(key),
				(value != null) ? this.json.writeValueAsBytes(value) : null) : 0;
		if (revision == 0) {
			logger.warn("Write to cache '" + this.name + "' refused: this instance is not the leader");
			return false;
		}
		apply(key, revision, value, true);
		return true;
	}

	void changed(CacheStore.Entry entry) {
		K key = this.json.readValue(entry.key(), this.keyType);
		byte[] value = entry.value();
		apply(key, entry.revision(), (value != null) ? this.json.readValue(value, this.valueType) : null, false);
	}

	/**
	 * Replaces or removes a local entry if the change is newer; adds it only if asked.
	 */
	private void apply(K key, long revision, @Nullable V value, boolean add) {
		this.local.asMap().compute(key, (k, held) -> {
			if (held != null && held.revision() >= revision) {
				return held;
			}
			if (held == null && !add) {
				return null;
			}
			return (value != null) ? new Versioned<>(revision, value) : null;
		});
	}

	private @Nullable Versioned<V> load(K key) {
		CacheStore.Entry entry = this.store.read(this.name, this.json.writeValueAsString(key));
		if (entry == null) {
			return null;
		}
		byte[] value = entry.value();
		return (value != null) ? new Versioned<>(entry.revision(), this.json.readValue(value, this.valueType)) : null;
	}

	private record Versioned<V>(long revision, V value) {
	}

}
