package dev.bellwether.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import org.jspecify.annotations.Nullable;

import dev.bellwether.data.FleetCache;

/**
 * Micrometer's standard cache meters ({@code cache.gets}, {@code cache.evictions},
 * {@code cache.size}, …) for one {@link FleetCache}, tagged with its name and the given
 * tags.
 */
public class FleetCacheMetrics extends CacheMeterBinder<FleetCache<?, ?>> {

	/**
	 * Creates the binder.
	 * @param cache the cache
	 * @param tags the tags of its meters besides its name
	 */
	public FleetCacheMetrics(FleetCache<?, ?> cache, Tag... tags) {
		super(cache, cache.name(), Tags.of(tags));
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
