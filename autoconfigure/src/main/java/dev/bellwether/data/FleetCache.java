package dev.bellwether.data;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.stats.CacheStats;

/**
 * A keyed dataset for large keyspaces: each instance keeps a bounded Caffeine cache of
 * the entries it reads, a local miss reads through from Redis, and the leader's writes
 * reach the instances that hold the entry. A local entry lives at most one
 * {@code bellwether.sync.verify-interval}, so a lost announcement is caught up by then.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public interface FleetCache<K, V> {

	/**
	 * The cache's name.
	 * @return the name
	 */
	String name();

	/**
	 * The value for a key: from local memory, else from Redis.
	 * @param key the key
	 * @return the value, empty if there is none
	 */
	Optional<V> get(K key);

	/**
	 * Writes an entry for the whole fleet. Only the leader's writes land.
	 * @param key the key
	 * @param value the value
	 * @return whether the write landed
	 */
	boolean put(K key, V value);

	/**
	 * Removes an entry for the whole fleet. Only the leader's removals land.
	 * @param key the key
	 * @return whether the removal landed
	 */
	boolean remove(K key);

	/**
	 * This instance's hit, miss and eviction statistics.
	 * @return the statistics
	 */
	CacheStats stats();

	/**
	 * How many entries this instance holds, approximately.
	 * @return the estimated size
	 */
	long estimatedSize();

}
