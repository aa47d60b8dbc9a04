package dev.bellwether.data;

import java.util.Collection;

/**
 * The {@link FleetCache}s of this instance's group.
 */
public interface FleetCaches {

	/**
	 * The cache with the given name, created on first use.
	 * @param <K> the type of keys
	 * @param <V> the type of values
	 * @param name the name, matching {@code [A-Za-z0-9._:-]{1,200}}
	 * @param keyType the type of keys
	 * @param valueType the type of values
	 * @param maximumSize the most entries this instance holds
	 * @return the cache
	 * @throws IllegalArgumentException if the cache exists with other types
	 */
	<K, V> FleetCache<K, V> get(String name, Class<K> keyType, Class<V> valueType, long maximumSize);

	/**
	 * Every cache created on this instance.
	 * @return the caches
	 */
	Collection<FleetCache<?, ?>> all();

}
