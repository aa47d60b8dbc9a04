package dev.bellwether.cache;

import java.time.Duration;

import dev.bellwether.spi.LoadStore;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.QueryTimeoutException;

/**
 * A store that never answers in time, as a hung Redis behind its call bounds.
 */
final class FailingLoadStore implements LoadStore {

	@Override
	public Lookup lookup(String cache, String key, String claimant, Duration lease) {
		throw timeout("lookup");
	}

	@Override
	public @Nullable Entry read(String cache, String key) {
		throw timeout("read");
	}

	@Override
	public long complete(Claim claim, byte[] value, Duration timeToLive) {
		throw timeout("complete");
	}

	@Override
	public void abandon(Claim claim) {
		throw timeout("abandon");
	}

	@Override
	public long put(String cache, String key, byte[] value, Duration timeToLive) {
		throw timeout("put");
	}

	@Override
	public long evict(String cache, String key, Duration timeToLive) {
		throw timeout("evict");
	}

	@Override
	public long clear(String cache) {
		throw timeout("clear");
	}

	@Override
	public void subscribe(Listener listener) {
	}

	private static QueryTimeoutException timeout(String operation) {
		return new QueryTimeoutException("The store did not answer '" + operation + "' in time");
	}

}
