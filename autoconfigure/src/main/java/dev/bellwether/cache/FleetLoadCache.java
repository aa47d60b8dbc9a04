package dev.bellwether.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import dev.bellwether.spi.LoadStore;
import dev.bellwether.spi.LoadStore.Change;
import dev.bellwether.spi.LoadStore.Claim;
import dev.bellwether.spi.LoadStore.Claimed;
import dev.bellwether.spi.LoadStore.Found;
import dev.bellwether.spi.LoadStore.Loading;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.support.AbstractValueAdaptingCache;

/**
 * One on-demand cache of the fleet: a near cache (Caffeine) on this instance over the
 * group's {@link LoadStore}. A miss claims the key's load in the store, so that one
 * instance of the fleet calls the cached method while the others wait, bounded, for its
 * value. Every change carries a revision; the near cache applies only newer ones, and
 * never serves a value older than a removal it has seen.
 */
final class FleetLoadCache extends AbstractValueAdaptingCache {

	private static final Log logger = LogFactory.getLog(FleetLoadCache.class);

	/** How long a waiting instance waits for an announcement before it asks the store. */
	private static final Duration POLL = Duration.ofMillis(100);

	private final String name;

	private final LoadStore store;

	private final String nodeId;

	private final BellwetherCacheManager.Settings settings;

	private final ValueCodec codec;

	private final LoadCounters counters;

	private final Cache<String, Held> near;

	/** The near cache's hits and misses, as this cache counts them: see {@link #held}. */
	private final StatsCounter stats = new ConcurrentStatsCounter();

	/** The revision of the last removal seen per key: nothing older is served. */
	private final Cache<String, Long> floors;

	/** The loads this instance claimed and whose value is still to be put. */
	private final Cache<String, Claim> claims;

	/** Waiters for a key's next change. */
	private final Map<String, CompletableFuture<Void>> arrivals = new ConcurrentHashMap<>();

	/** The revision of the last clear seen: nothing older is served. */
	private volatile long clearedAt;

	FleetLoadCache(String name, LoadStore store, String nodeId, BellwetherCacheManager.Settings settings,
			ValueCodec codec, LoadCounters counters) {
		super(settings.allowNullValues());
		this.name = name;
		this.store = store;
		this.nodeId = nodeId;
		this.settings = settings;
		this.codec = codec;
		this.counters = counters;
		this.near = Caffeine.newBuilder()
			.maximumSize(settings.maximumSize())
			.expireAfterWrite(settings.timeToLive())
			.recordStats(() -> this.stats)
			.build();
		this.floors = Caffeine.newBuilder().expireAfterWrite(settings.timeToLive()).build();
		this.claims = Caffeine.newBuilder().expireAfterWrite(settings.lease()).build();
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public Cache<String, Held> getNativeCache() {
		return this.near;
	}

	/**
	 * Looks a key up here, then in the store. On a miss this instance holds the key's
	 * load: the caller (Spring's cache interceptor) calls the method and puts its value.
	 */
	@Override
	protected @Nullable Object lookup(Object key) {
		String encoded = Keys.encode(this.name, key);
		Held held = held(encoded);
		if (held != null) {
			return held.value();
		}
		Obtained obtained = obtain(encoded);
		if (obtained instanceof Obtained.Claimed claimed) {
			this.claims.put(encoded, claimed.claim());
		}
		return (obtained instanceof Obtained.Value value) ? value.value() : null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		String encoded = Keys.encode(this.name, key);
		Held held = held(encoded);
		if (held != null) {
			return (T) fromStoreValue(held.value());
		}
		Obtained obtained = obtain(encoded);
		if (obtained instanceof Obtained.Value value) {
			return (T) fromStoreValue(value.value());
		}
		Claim claim = (obtained instanceof Obtained.Claimed claimed) ? claimed.claim() : null;
		T loaded;
		try {
			loaded = valueLoader.call();
		}
		catch (Exception ex) {
			if (claim != null) {
				abandon(claim);
			}
			throw new ValueRetrievalException(key, valueLoader, ex);
		}
		store(encoded, claim, toStoreValue(loaded));
		return loaded;
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		String encoded = Keys.encode(this.name, key);
		store(encoded, this.claims.asMap().remove(encoded), toStoreValue(value));
	}

	@Override
	public void evict(Object key) {
		String encoded = Keys.encode(this.name, key);
		this.claims.invalidate(encoded);
		try {
			removed(encoded, this.store.evict(this.name, encoded, this.settings.timeToLive()));
		}
		catch (RuntimeException ex) {
			this.counters.storeFailure();
			logger.warn("Could not evict '" + encoded + "' from the fleet's cache '" + this.name
					+ "'; evicted on this instance only", ex);
			this.near.invalidate(encoded);
		}
	}

	@Override
	public void clear() {
		this.claims.invalidateAll();
		try {
			cleared(this.store.clear(this.name));
		}
		catch (RuntimeException ex) {
			this.counters.storeFailure();
			logger.warn("Could not clear the fleet's cache '" + this.name + "'; cleared on this instance only", ex);
			this.near.invalidateAll();
		}
	}

	/**
	 * Applies a change announced by the store.
	 * @param change the change
	 */
	void changed(Change change) {
		String key = change.key();
		if (key == null) {
			cleared(change.revision());
			return;
		}
		if (change.removed()) {
			removed(key, change.revision());
		}
		else {
			// An instance that holds an older value drops it and reads the new one from
			// the store when it needs it; the others have nothing to do
			this.near.asMap().computeIfPresent(key, (k, held) -> (held.revision() >= change.revision()) ? held : null);
		}
		arrived(key);
	}

	/**
	 * Forgets what this instance holds, as the store's announcements may have been
	 * missed.
	 */
	void resubscribed() {
		this.near.invalidateAll();
		this.arrivals.keySet().forEach(this::arrived);
	}

	/**
	 * What this cache did on this instance.
	 * @return its counters
	 */
	LoadCounters counters() {
		return this.counters;
	}

	/**
	 * How many entries this instance holds.
	 * @return the estimated number of entries
	 */
	long size() {
		return this.near.estimatedSize();
	}

	/**
	 * What this instance holds of a key, unless it expired with the store's entry. The
	 * near cache expires every entry a time to live after it was written here, which
	 * bounds what it keeps; an entry read from the store expires sooner, with the
	 * store's, and is checked here: a per-entry expiry in Caffeine would cost every hit
	 * more than the rest of it together. Counted here, as the near cache's own count
	 * would take an expired entry for a hit.
	 */
	private @Nullable Held held(String key) {
		Held held = this.near.asMap().get(key);
		if (held != null && held.expired()) {
			this.near.asMap().remove(key, held);
			held = null;
		}
		if (held != null) {
			this.stats.recordHits(1);
		}
		else {
			this.stats.recordMisses(1);
		}
		return held;
	}

	private Obtained obtain(String key) {
		long deadline = System.nanoTime() + this.settings.waitTimeout().toNanos();
		boolean waited = false;
		while (true) {
			CompletableFuture<Void> arrival = this.arrivals.computeIfAbsent(key, (k) -> new CompletableFuture<>());
			try {
				LoadStore.Lookup lookup = this.store.lookup(this.name, key, this.nodeId, this.settings.lease());
				if (lookup instanceof Found found) {
					Object value = hold(key, found.entry());
					return (value != null) ? new Obtained.Value(value) : Obtained.LOAD_HERE;
				}
				if (lookup instanceof Claimed claimed) {
					this.counters.load();
					return new Obtained.Claimed(claimed.claim());
				}
				if (!waited) {
					waited = true;
					this.counters.waiting();
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					this.counters.waitTimeout();
					logger.debug("Waited " + this.settings.waitTimeout() + " for " + ((Loading) lookup).claimant()
							+ " to load '" + key + "' of the fleet's cache '" + this.name + "'; loading it here");
					return Obtained.LOAD_HERE;
				}
				arrival.get(Math.min(remaining, POLL.toNanos()), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				// Ask the store again: the loader may have crashed, and its lease ended
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Obtained.LOAD_HERE;
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException(ex);
			}
			catch (RuntimeException ex) {
				this.counters.storeFailure();
				logger.debug("Could not look '" + key + "' up in the fleet's cache '" + this.name
						+ "'; this instance loads it itself", ex);
				return Obtained.LOAD_HERE;
			}
			finally {
				this.arrivals.remove(key, arrival);
			}
		}
	}

	private void store(String key, @Nullable Claim claim, Object storeValue) {
		byte[] encoded = this.codec.encode(storeValue);
		long revision;
		try {
			revision = (claim != null) ? this.store.complete(claim, encoded, this.settings.timeToLive())
					: this.store.put(this.name, key, encoded, this.settings.timeToLive());
		}
		catch (RuntimeException ex) {
			this.counters.storeFailure();
			logger.debug("Could not store '" + key + "' in the fleet's cache '" + this.name
					+ "'; kept on this instance only", ex);
			revision = 0;
		}
		if (revision > 0 || claim == null) {
			apply(key, Held.expiringIn(revision, storeValue, this.settings.timeToLive()));
		}
	}

	private void abandon(Claim claim) {
		try {
			this.store.abandon(claim);
		}
		catch (RuntimeException ex) {
			this.counters.storeFailure();
			logger.debug("Could not end the claim of '" + claim.key() + "' in the fleet's cache '" + this.name
					+ "'; it ends with its lease", ex);
		}
	}

	private @Nullable Object hold(String key, LoadStore.Entry entry) {
		byte[] value = entry.value();
		Object decoded = (value != null) ? decode(key, value) : null;
		if (decoded != null) {
			apply(key, Held.expiringIn(entry.revision(), decoded, entry.expiresIn()));
		}
		return decoded;
	}

	private void apply(String key, Held held) {
		Long floor = this.floors.getIfPresent(key);
		if (held.revision() < this.clearedAt || (floor != null && held.revision() < floor)) {
			return;
		}
		this.near.asMap()
			.merge(key, held, (current, offered) -> (offered.revision() >= current.revision()) ? offered : current);
	}

	private void removed(String key, long revision) {
		this.floors.asMap().merge(key, revision, Math::max);
		this.near.asMap().computeIfPresent(key, (k, held) -> (held.revision() < revision) ? null : held);
	}

	private void cleared(long revision) {
		this.clearedAt = Math.max(this.clearedAt, revision);
		this.near.asMap().values().removeIf((held) -> held.revision() < revision);
	}

	private void arrived(String key) {
		CompletableFuture<Void> arrival = this.arrivals.remove(key);
		if (arrival != null) {
			arrival.complete(null);
		}
	}

	private @Nullable Object decode(String key, byte[] value) {
		try {
			return this.codec.decode(value);
		}
		catch (RuntimeException ex) {
			this.counters.undecodable();
			logger.warn("The value of '" + key + "' in the fleet's cache '" + this.name + "' does not decode as "
					+ this.codec + "; treated as a miss: " + ex.getMessage());
			return null;
		}
	}

	/**
	 * A value held here, {@code NullValue} for a cached {@code null}, with the revision
	 * of the change that wrote it ({@code 0} for a value the store never took) and when
	 * it expires: when the store's entry does, so that no instance serves a value longer
	 * than its time to live after it was written, nor holds a key the store has not (a
	 * first load is then announced to nobody).
	 *
	 * @param revision the revision
	 * @param value the value
	 * @param expiresAt when it expires, in {@link System#nanoTime()}
	 */
	record Held(long revision, Object value, long expiresAt) {

		static Held expiringIn(long revision, Object value, Duration lifetime) {
			return new Held(revision, value, System.nanoTime() + lifetime.toNanos());
		}

		boolean expired() {
			return System.nanoTime() - this.expiresAt >= 0;
		}

	}

	/** What a miss obtained from the fleet. */
	private sealed interface Obtained {

		/** Load it here, without a claim: waiting timed out, or the store failed. */
		Obtained LOAD_HERE = new LoadHere();

		/** See {@link #LOAD_HERE}. */
		record LoadHere() implements Obtained {
		}

		/** Another instance's value. */
		record Value(Object value) implements Obtained {
		}

		/** This instance holds the load. */
		record Claimed(Claim claim) implements Obtained {
		}

	}

}
