package dev.bellwether.actuate;

import dev.bellwether.schedule.FleetScheduler;

/**
 * The names of Bellwether's meters and their tags. Outside dashboards and alerts rely on
 * them: they change only with a major version.
 */
public final class BellwetherMeters {

	/** Gauge: 1 while this instance leads its group, else 0. */
	public static final String LEADER = "bellwether.leader";

	/** Counter: leadership grants and revocations on this instance. */
	public static final String LEADERSHIP_CHANGES = "bellwether.leadership.changes";

	/**
	 * Counter: application callbacks (leadership events, dataset updates) that threw on
	 * the event lane.
	 */
	public static final String CALLBACK_FAILURES = "bellwether.callback.failures";

	/** Counter, tags {@code job} and {@code outcome}: job runs on this instance. */
	public static final String JOB_RUNS = "bellwether.job.runs";

	/**
	 * Gauge, tag {@code job}: 1 while the job is paused fleet-wide (as this instance last
	 * heard), else 0.
	 */
	public static final String JOB_PAUSED = "bellwether.job.paused";

	/** Timer, tag {@code job}: the duration of job runs, retries included. */
	public static final String JOB_DURATION = FleetScheduler.OBSERVATION;

	/** Gauge, tag {@code dataset}: the revision this instance holds. */
	public static final String DATASET_REVISION = "bellwether.dataset.revision";

	/**
	 * Time gauge, tag {@code dataset}: the age of the revision held, from its
	 * publication.
	 */
	public static final String DATASET_AGE = "bellwether.dataset.age";

	/**
	 * Time gauge, tag {@code dataset}: the age beyond which the dataset counts as stale
	 * (as health reports it); NaN when it has no limit.
	 */
	public static final String DATASET_STALENESS_LIMIT = "bellwether.dataset.staleness.limit";

	/**
	 * Timer, tag {@code dataset}: from publication (the store's clock) to the revision
	 * landing in this instance's memory.
	 */
	public static final String SYNC_LATENCY = "bellwether.sync.latency";

	/**
	 * Counter, tag {@code outcome} ({@code applied}, {@code stale}, {@code malformed},
	 * {@code rejected}): messages received on the group's channel.
	 */
	public static final String SYNC_MESSAGES = "bellwether.sync.messages";

	/** Tag: a job's name. */
	public static final String TAG_JOB = "job";

	/** Tag: a dataset's name. */
	public static final String TAG_DATASET = "dataset";

	/** Tag: how a job run or a message ended. */
	public static final String TAG_OUTCOME = "outcome";

	/**
	 * Counter, tag {@code cache}: misses of an on-demand cache ({@code @Cacheable}) that
	 * claimed the key's load for the fleet, so that this instance called the method.
	 */
	public static final String CACHE_LOADS = "bellwether.cache.loads";

	/**
	 * Counter, tag {@code cache}: misses that waited for another instance's load of the
	 * key.
	 */
	public static final String CACHE_WAITS = "bellwether.cache.waits";

	/**
	 * Counter, tag {@code cache}: waits that ended before the value came, after which
	 * this instance loaded the key itself.
	 */
	public static final String CACHE_WAIT_TIMEOUTS = "bellwether.cache.wait.timeouts";

	/**
	 * Counter, tag {@code cache}: calls to the store that failed or timed out, after
	 * which this instance loaded for itself, or kept a value or removal to itself.
	 */
	public static final String CACHE_STORE_FAILURES = "bellwether.cache.store.failures";

	/**
	 * Counter, tag {@code cache}: stored values that did not decode into the cache's
	 * type, each read as a miss.
	 */
	public static final String CACHE_UNDECODABLE = "bellwether.cache.undecodable";

	/** Tag: the name of an on-demand cache. */
	public static final String TAG_CACHE = "cache";

	private BellwetherMeters() {
	}

}
