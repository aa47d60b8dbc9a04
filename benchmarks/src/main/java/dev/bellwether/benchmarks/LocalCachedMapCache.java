package dev.bellwether.benchmarks;

import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.redisson.api.RLocalCachedMap;
import org.redisson.api.RLock;

import org.springframework.cache.support.AbstractValueAdaptingCache;

/**
 * Spring's cache over Redisson's {@link RLocalCachedMap}, as Redisson's own Spring cache
 * ({@code RedissonCache}, whose local-cached manager is in Redisson PRO only) wraps a
 * map: a miss in {@code @Cacheable(sync = true)} takes the key's {@link RLock} across the
 * fleet, reads again and loads only if the value is still missing.
 */
final class LocalCachedMapCache extends AbstractValueAdaptingCache {

	private final RLocalCachedMap<String, String> map;

	LocalCachedMapCache(RLocalCachedMap<String, String> map) {
		super(false);
		this.map = map;
	}

	@Override
	public String getName() {
		return CacheNodes.CACHE;
	}

	@Override
	public Object getNativeCache() {
		return this.map;
	}

	@Override
	protected @Nullable Object lookup(Object key) {
		return this.map.get((String) key);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T get(Object key, Callable<T> valueLoader) {
		String value = this.map.get((String) key);
		if (value != null) {
			return (T) value;
		}
		RLock lock = this.map.getLock((String) key);
		lock.lock();
		try {
			value = this.map.get((String) key);
			if (value == null) {
				value = (String) valueLoader.call();
				this.map.fastPut((String) key, value);
			}
			return (T) value;
		}
		catch (Exception ex) {
			throw new ValueRetrievalException(key, valueLoader, ex);
		}
		finally {
			lock.unlock();
		}
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		this.map.fastPut((String) key, (String) value);
	}

	@Override
	public void evict(Object key) {
		this.map.fastRemove((String) key);
	}

	@Override
	public void clear() {
		this.map.clear();
	}

}
