package dev.bellwether.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of Bellwether, under {@code bellwether.*}.
 */
@ConfigurationProperties("bellwether")
public class BellwetherProperties {

	/**
	 * Whether Bellwether is enabled.
	 */
	private boolean enabled = true;

	/**
	 * Name of the group of identical instances that elect one leader and share datasets.
	 * Must match [A-Za-z0-9._:-]{1,200}. Defaults to 'spring.application.name', with
	 * every run of other characters (such as spaces) replaced by '-'.
	 */
	private @Nullable String group;

	/**
	 * Id of this instance in its group. Defaults to the host name, the process id and a
	 * random suffix.
	 */
	private @Nullable String nodeId;

	/**
	 * Who runs the @LeaderScheduled jobs: the elected leader, or every instance as plain
	 * @Scheduled would (to migrate a fleet gradually). Deprecated: every-instance is
	 * bellwether.store=memory.
	 */
	private Mode mode = Mode.LEADER;

	/**
	 * Where the group's leadership, datasets and job records are kept: in Redis, shared
	 * by the fleet, or in this instance's memory (a single instance, local development,
	 * tests). Defaults to redis when a RedisConnectionFactory exists, else memory.
	 */
	private @Nullable Store store;

	private final Leader leader = new Leader();

	private final Sync sync = new Sync();

	private final Data data = new Data();

	private final Job job = new Job();

	private final Health health = new Health();

	private final Security security = new Security();

	/**
	 * The fleet's on-demand caches (behind {@code @Cacheable} with
	 * {@code @EnableCaching}), by cache name.
	 */
	private final Map<String, Cache> cache = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getGroup() {
		return this.group;
	}

	public void setGroup(@Nullable String group) {
		this.group = group;
	}

	public @Nullable String getNodeId() {
		return this.nodeId;
	}

	public void setNodeId(@Nullable String nodeId) {
		this.nodeId = nodeId;
	}

	/**
	 * Who runs the jobs.
	 * @return the mode
	 * @deprecated since 0.1.0: {@code every-instance} is {@code bellwether.store=memory},
	 * which it is still honoured as
	 */
	@Deprecated(since = "0.1.0")
	@DeprecatedConfigurationProperty(replacement = "bellwether.store", since = "0.1.0",
			reason = "every-instance is bellwether.store=memory: each instance keeps its own state, leads alone and runs every job")
	public Mode getMode() {
		return this.mode;
	}

	/**
	 * Sets who runs the jobs.
	 * @param mode the mode
	 * @deprecated since 0.1.0: set {@code bellwether.store=memory} instead of
	 * {@code every-instance}
	 */
	@Deprecated(since = "0.1.0")
	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public @Nullable Store getStore() {
		return this.store;
	}

	public void setStore(@Nullable Store store) {
		this.store = store;
	}

	public Leader getLeader() {
		return this.leader;
	}

	public Sync getSync() {
		return this.sync;
	}

	public Data getData() {
		return this.data;
	}

	public Job getJob() {
		return this.job;
	}

	public Health getHealth() {
		return this.health;
	}

	public Security getSecurity() {
		return this.security;
	}

	public Map<String, Cache> getCache() {
		return this.cache;
	}

	/**
	 * Who runs the jobs.
	 */
	public enum Mode {

		/** The elected leader runs each job once per interval for the whole fleet. */
		LEADER,

		/** Every instance runs every job, as plain @Scheduled would. */
		EVERY_INSTANCE

	}

	/**
	 * Where the group's state is kept.
	 */
	public enum Store {

		/** In Redis, shared by every instance of the group. */
		REDIS,

		/** In this instance's memory: it leads alone. */
		MEMORY

	}

	/**
	 * Leader election.
	 */
	public static class Leader {

		/**
		 * How long a leadership lasts without renewal: a crashed leader is replaced
		 * within about this time. At least 500ms.
		 */
		private Duration ttl = Duration.ofSeconds(10);

		/**
		 * How often the leader renews its leadership. Must be less than half the ttl.
		 * Defaults to a third of the ttl.
		 */
		private @Nullable Duration renewInterval;

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public @Nullable Duration getRenewInterval() {
			return this.renewInterval;
		}

		public void setRenewInterval(@Nullable Duration renewInterval) {
			this.renewInterval = renewInterval;
		}

	}

	/**
	 * Datasets in Redis.
	 */
	public static class Data {

		/**
		 * How long Redis keeps a dataset after its last publication. Kept for ever when
		 * not set.
		 */
		private @Nullable Duration ttl;

		public @Nullable Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(@Nullable Duration ttl) {
			this.ttl = ttl;
		}

	}

	/**
	 * The bellwether health indicator.
	 */
	public static class Health {

		/**
		 * Age beyond which a dataset turns the health indicator DOWN. By default the ttl
		 * plus the renew interval plus two intervals of the job that publishes it, which
		 * outlasts a crash failover of the leader; datasets without a job are not
		 * checked.
		 */
		private @Nullable Duration maxStaleness;

		public @Nullable Duration getMaxStaleness() {
			return this.maxStaleness;
		}

		public void setMaxStaleness(@Nullable Duration maxStaleness) {
			this.maxStaleness = maxStaleness;
		}

	}

	/**
	 * Protection of the group's announcements.
	 */
	public static class Security {

		/**
		 * Secret shared by every instance of the group (at least 32 bytes) with which
		 * each announcement on the group's channel is signed (HmacSHA256); instances then
		 * drop and count announcements that are unsigned or forged by other Redis
		 * clients. Unset: announcements are not signed.
		 */
		private @Nullable String signingKey;

		public @Nullable String getSigningKey() {
			return this.signingKey;
		}

		public void setSigningKey(@Nullable String signingKey) {
			this.signingKey = signingKey;
		}

	}

	/**
	 * How datasets reach every instance.
	 */
	public static class Sync {

		/**
		 * How often every instance compares its datasets with Redis and fetches what it
		 * missed.
		 */
		private Duration verifyInterval = Duration.ofSeconds(30);

		/**
		 * Largest payload sent inline with its announcement; larger ones are fetched from
		 * Redis by each instance.
		 */
		private DataSize inlinePayloadLimit = DataSize.ofKilobytes(512);

		/**
		 * Largest encoded dataset value to publish or accept.
		 */
		private DataSize maxPayloadSize = DataSize.ofMegabytes(10);

		public Duration getVerifyInterval() {
			return this.verifyInterval;
		}

		public void setVerifyInterval(Duration verifyInterval) {
			this.verifyInterval = verifyInterval;
		}

		public DataSize getInlinePayloadLimit() {
			return this.inlinePayloadLimit;
		}

		public void setInlinePayloadLimit(DataSize inlinePayloadLimit) {
			this.inlinePayloadLimit = inlinePayloadLimit;
		}

		public DataSize getMaxPayloadSize() {
			return this.maxPayloadSize;
		}

		public void setMaxPayloadSize(DataSize maxPayloadSize) {
			this.maxPayloadSize = maxPayloadSize;
		}

	}

	/**
	 * {@code @LeaderScheduled} jobs.
	 */
	public static class Job {

		private final Retry retry = new Retry();

		public Retry getRetry() {
			return this.retry;
		}

		/**
		 * Retries of a failed run; they stay within the first half of the job's interval
		 * (with fixedDelay, until its next run).
		 */
		public static class Retry {

			/**
			 * How many times a failed run is retried.
			 */
			private long maxRetries = 3;

			/**
			 * Delay before the first retry.
			 */
			private Duration delay = Duration.ofSeconds(1);

			/**
			 * What each following delay is multiplied by.
			 */
			private double multiplier = 2;

			/**
			 * Longest delay between two retries.
			 */
			private Duration maxDelay = Duration.ofSeconds(30);

			public long getMaxRetries() {
				return this.maxRetries;
			}

			public void setMaxRetries(long maxRetries) {
				this.maxRetries = maxRetries;
			}

			public Duration getDelay() {
				return this.delay;
			}

			public void setDelay(Duration delay) {
				this.delay = delay;
			}

			public double getMultiplier() {
				return this.multiplier;
			}

			public void setMultiplier(double multiplier) {
				this.multiplier = multiplier;
			}

			public Duration getMaxDelay() {
				return this.maxDelay;
			}

			public void setMaxDelay(Duration maxDelay) {
				this.maxDelay = maxDelay;
			}

		}

	}

	/**
	 * One on-demand cache of the fleet.
	 */
	public static class Cache {

		/**
		 * How many entries each instance holds at most.
		 */
		private long maximumSize = 10_000;

		/**
		 * How long an entry lives, in the store and on each instance.
		 */
		private Duration timeToLive = Duration.ofMinutes(10);

		/**
		 * How long an instance that misses a key waits for the instance that loads it,
		 * before it loads the key itself.
		 */
		private Duration waitTimeout = Duration.ofSeconds(5);

		/**
		 * Whether a null is cached as a value.
		 */
		private boolean allowNullValues = true;

		/**
		 * The type of the cache's values. Taken from the return types of the cache's
		 * @Cacheable and @CachePut methods when not set.
		 */
		private @Nullable Class<?> valueType;

		public long getMaximumSize() {
			return this.maximumSize;
		}

		public void setMaximumSize(long maximumSize) {
			this.maximumSize = maximumSize;
		}

		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

		public Duration getWaitTimeout() {
			return this.waitTimeout;
		}

		public void setWaitTimeout(Duration waitTimeout) {
			this.waitTimeout = waitTimeout;
		}

		public boolean isAllowNullValues() {
			return this.allowNullValues;
		}

		public void setAllowNullValues(boolean allowNullValues) {
			this.allowNullValues = allowNullValues;
		}

		public @Nullable Class<?> getValueType() {
			return this.valueType;
		}

		public void setValueType(@Nullable Class<?> valueType) {
			this.valueType = valueType;
		}

	}

}
