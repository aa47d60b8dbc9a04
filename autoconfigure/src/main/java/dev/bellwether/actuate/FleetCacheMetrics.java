package dev.bellwether.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import org.jspecify.annotations.Nullable;

import dev.bellwether.data.FleetCache;

/**
 * Micrometer's standard cache meters ({@code cache.gets}, {@code cache.evictions},
 * {@code cache.size}, …) for one {@link FleetCache}, tagged with its name.
 */
public class FleetCacheMetrics extends CacheMeterBinder<FleetCache<?, ?>> {

	/**
	 * Creates the binder.
	 * @param cache the cache
	 */
	public FleetCacheMetrics(FleetCache<?, ?> cache) {
		super(cache, cache.name(), Tags.empty());
	}

	@Override
	protected @Nullable Long size() {
		FleetCache<?, ?> cache = getCache();
		return (cache != null) ? cache.estimatedSize() : null;
	}

	@Override
	protected long hitCount() {
		FleetCache<?, ?> cache = getCache();
		return (cache != null) ? cache.stats().hitCount() : 0;
	}

	@Override
	protected @Nullable Long missCount() {
		FleetCache<?, ?> cache = getCache();
		return (cache != null) ? cache.stats().missCount() : null;
	}

	@Override
	protected @Nullable Long evictionCount() {
		FleetCache<?, ?> cache = getCache();
		return (cache != null) ? cache.stats().evictionCount() : null;
	}

	@Override
	protected long putCount() {
		FleetCache<?, ?> cache = getCache();
		return (cache != null) ? cache.stats().loadCount() : 0;
	}

	@Override
	protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
	}

}
