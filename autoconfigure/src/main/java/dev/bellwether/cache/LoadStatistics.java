package dev.bellwether.cache;

/**
 * What one on-demand cache did on this instance since it started.
 *
 * @param loads the misses that claimed the key's load for the fleet, so that this
 * instance called the method
 * @param waits the misses that waited for another instance's load
 * @param waitTimeouts the waits that ended before the value came, after which this
 * instance loaded the key itself
 * @param storeFailures the calls to the store that failed or timed out, after which this
 * instance loaded for itself, or kept a value or removal to itself
 * @param undecodableValues the stored values that did not decode into the cache's type,
 * each read as a miss
 */
public record LoadStatistics(long loads, long waits, long waitTimeouts, long storeFailures, long undecodableValues) {
}
