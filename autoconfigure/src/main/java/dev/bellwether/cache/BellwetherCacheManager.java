package dev.bellwether.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import dev.bellwether.data.Names;
import dev.bellwether.spi.LoadStore;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.core.ResolvableType;
import org.springframework.util.Assert;

/**
 * A Spring {@link CacheManager} for the whole fleet: behind {@code @Cacheable}, a miss on
 * any instance claims the key's load in the group's store, so that one instance calls the
 * method while the others that miss the same key wait, bounded, for its value. Each
 * instance keeps a near cache (Caffeine) that applies every put, eviction and clear in
 * revision order, and never serves a value older than a removal it has seen.
 * <p>
 * Values are JSON, read back into the type the cache's {@code @Cacheable} and
 * {@code @CachePut} methods return (or the one its settings name): never with Jackson's
 * default typing. A value that does not decode is a miss, counted. With the store down or
 * hung, each instance loads for itself and nothing waits longer than its cache's wait
 * timeout. Asynchronous retrieval ({@code CompletableFuture} and reactive methods) is not
 * supported.
 */
public final class BellwetherCacheManager implements CacheManager, BeanFactoryAware, SmartInitializingSingleton {

	private final LoadStore store;

	private final String nodeId;

	private final JsonMapper json;

	private final Function<String, Settings> settings;

	private final Set<String> names;

	private final DeclaredTypes declared = new DeclaredTypes();

	private final Map<String, FleetLoadCache> caches = new ConcurrentHashMap<>();

	private final Map<String, LoadCounters> counters = new ConcurrentHashMap<>();

	private final List<Consumer<Cache>> creationListeners = new CopyOnWriteArrayList<>();

	private @Nullable ListableBeanFactory beans;

	/**
	 * Creates a cache manager.
	 * @param store the group's store of on-demand caches
	 * @param nodeId this instance's node id, which names it as the loader of a key
	 * @param json the mapper that writes and reads values
	 * @param settings each cache's settings, by name
	 * @param names the caches there are, or empty to create each on its first use
	 */
	public BellwetherCacheManager(LoadStore store, String nodeId, JsonMapper json, Function<String, Settings> settings,
			Collection<String> names) {
		Assert.notNull(store, "'store' must not be null");
		Assert.hasText(nodeId, "'nodeId' must not be empty");
		Assert.notNull(json, "'json' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		this.store = store;
		this.nodeId = nodeId;
		this.json = json;
		this.settings = settings;
		this.names = Set.copyOf(names);
		store.subscribe(new LoadStore.Listener() {

			@Override
			public void changed(LoadStore.Change change) {
				FleetLoadCache cache = BellwetherCacheManager.this.caches.get(change.cache());
				if (cache != null) {
					cache.changed(change);
				}
			}

			@Override
			public void resubscribed() {
				BellwetherCacheManager.this.caches.values().forEach(FleetLoadCache::resubscribed);
			}

		});
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beans = (beanFactory instanceof ListableBeanFactory listable) ? listable : null;
	}

	/**
	 * Reads the cache annotations of every bean once they all exist, so that each cache
	 * knows the type it holds, and a cache declared with two types stops start-up.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		ListableBeanFactory beans = this.beans;
		if (beans == null) {
			return;
		}
		for (String name : beans.getBeanDefinitionNames()) {
			Class<?> type = beans.getType(name, false);
			if (type != null) {
				this.declared.scan(type);
			}
		}
	}

	@Override
	public @Nullable Cache getCache(String name) {
		if (!this.names.isEmpty() && !this.names.contains(name)) {
			return null;
		}
		return this.caches.computeIfAbsent(name, this::create);
	}

	@Override
	public Collection<String> getCacheNames() {
		return this.names.isEmpty() ? List.copyOf(this.caches.keySet()) : this.names;
	}

	/**
	 * What a cache did on this instance.
	 * @param name the cache
	 * @return its statistics, all zero for a cache not used yet
	 */
	public Statistics statistics(String name) {
		LoadCounters counters = this.counters.get(name);
		return (counters != null) ? counters.statistics() : new Statistics(0, 0, 0, 0, 0);
	}

	/**
	 * Calls the listener with each cache created from now on, as caches are created on
	 * their first use, and with those that exist already. Called as the cache is created:
	 * the listener must not ask this manager for a cache.
	 * @param listener the listener
	 */
	public void whenCreated(Consumer<Cache> listener) {
		this.creationListeners.add(listener);
		this.caches.values().forEach(listener);
	}

	private FleetLoadCache create(String name) {
		Names.check("Cache", name);
		Settings settings = this.settings.apply(name);
		ResolvableType type = (settings.valueType() != null) ? ResolvableType.forClass(settings.valueType())
				: this.declared.typeOf(name);
		if (type == null) {
			throw new IllegalStateException("The fleet's cache '" + name + "' has no declared value type: no"
					+ " @Cacheable or @CachePut method uses it. Set 'bellwether.cache." + name + ".value-type'.");
		}
		JavaType javaType = this.json.getTypeFactory().constructType(type.getType());
		LoadCounters counters = this.counters.computeIfAbsent(name, (cache) -> new LoadCounters());
		FleetLoadCache cache = new FleetLoadCache(name, this.store, this.nodeId, settings,
				new ValueCodec(this.json, javaType), counters);
		this.creationListeners.forEach((listener) -> listener.accept(cache));
		return cache;
	}

	/**
	 * The settings of one on-demand cache.
	 *
	 * @param maximumSize how many entries each instance holds at most
	 * @param timeToLive how long an entry lives, in the store and on each instance
	 * @param waitTimeout how long an instance that misses a key waits for the instance
	 * that loads it, before it loads the key itself
	 * @param allowNullValues whether a {@code null} is cached as a value
	 * @param valueType the type of the cache's values, or {@code null} to take it from
	 * the {@code @Cacheable} and {@code @CachePut} methods that use the cache
	 */
	public record Settings(long maximumSize, Duration timeToLive, Duration waitTimeout, boolean allowNullValues,
			@Nullable Class<?> valueType) {

		/**
		 * Checks the settings.
		 * @param maximumSize how many entries each instance holds at most
		 * @param timeToLive how long an entry lives
		 * @param waitTimeout how long a miss waits for another instance's load
		 * @param allowNullValues whether a {@code null} is cached
		 * @param valueType the type of the cache's values, if not the methods'
		 */
		public Settings {
			Assert.isTrue(maximumSize > 0, "'maximumSize' must be positive");
			Assert.isTrue(!timeToLive.isNegative() && !timeToLive.isZero(), "'timeToLive' must be positive");
			Assert.isTrue(!waitTimeout.isNegative(), "'waitTimeout' must not be negative");
		}

		/**
		 * How long a claimed load holds before another instance may take it over: the
		 * wait, so that a waiter that gives up finds the load free if its loader crashed.
		 * @return the lease
		 */
		Duration lease() {
			return this.waitTimeout.isZero() ? Duration.ofSeconds(1) : this.waitTimeout;
		}

	}

	/**
	 * What one on-demand cache did on this instance since it started.
	 *
	 * @param loads the misses that claimed the key's load for the fleet, so that this
	 * instance called the method
	 * @param waits the misses that waited for another instance's load
	 * @param waitTimeouts the waits that ended before the value came, after which this
	 * instance loaded the key itself
	 * @param storeFailures the calls to the store that failed or timed out, after which
	 * this instance loaded for itself, or kept a value or removal to itself
	 * @param undecodableValues the stored values that did not decode into the cache's
	 * type, each read as a miss
	 */
	public record Statistics(long loads, long waits, long waitTimeouts, long storeFailures, long undecodableValues) {
	}

}
