package dev.bellwether.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bellwether.cache.BellwetherCacheManager;
import dev.bellwether.data.FleetDatasets;
import dev.bellwether.data.Names;
import dev.bellwether.leader.ElectionSettings;
import dev.bellwether.redis.RedisStores;
import dev.bellwether.schedule.RetrySettings;
import dev.bellwether.support.Durations;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Bellwether's settings: {@link BellwetherProperties} with defaults filled in, checked
 * once at start-up (a bad value fails with an {@link InvalidBellwetherPropertyException}
 * that names the property and what to set). Every component reads its durations from
 * here; each figure derived from others is defined once, here or in the settings type of
 * the component it configures, with its reason.
 */
final class BellwetherSettings {

	private static final Duration MIN_TTL = Duration.ofMillis(500);

	private static final Log logger = LogFactory.getLog(BellwetherSettings.class);

	private final BellwetherProperties properties;

	private final ElectionSettings election;

	private final FleetDatasets.Settings datasets;

	private final RedisStores.Settings redis;

	private final RetrySettings retry;

	/**
	 * Checks the properties and fills in their defaults.
	 * @param properties the bound properties
	 * @throws InvalidBellwetherPropertyException for the first bad value
	 */
	BellwetherSettings(BellwetherProperties properties) {
		this.properties = properties;
		Duration ttl = ttl(properties);
		this.election = new ElectionSettings(nodeId(properties), ttl, renewInterval(properties, ttl));
		this.datasets = datasetSettings(properties);
		this.redis = redisSettings(properties);
		this.retry = retrySettings(properties);
		properties.getCache().forEach(BellwetherSettings::cacheSettings);
		Duration maxStaleness = properties.getHealth().getMaxStaleness();
		if (maxStaleness != null) {
			positive("bellwether.health.max-staleness", maxStaleness, "1m, or remove it for the default");
		}
	}

	ElectionSettings election() {
		return this.election;
	}

	FleetDatasets.Settings datasets() {
		return this.datasets;
	}

	RedisStores.Settings redis() {
		return this.redis;
	}

	RedisStores.Timeouts redisTimeouts() {
		return RedisStores.Timeouts.of(this.election.ttl(), this.election.renewInterval(),
				this.datasets.verifyInterval());
	}

	RetrySettings retry() {
		return this.retry;
	}

	/**
	 * The settings of an on-demand cache: its {@code bellwether.cache.<name>.*}
	 * properties, else the defaults.
	 * @param name the cache
	 * @return its settings
	 */
	BellwetherCacheManager.Settings cache(String name) {
		BellwetherProperties.Cache cache = this.properties.getCache().get(name);
		return cacheSettings(name, (cache != null) ? cache : new BellwetherProperties.Cache());
	}

	/**
	 * How long a crashed leader can leave a job without a run beyond its interval: up to
	 * the ttl until its key expires, then up to a renew interval until a follower takes
	 * over.
	 * @return ttl + renew interval
	 */
	Duration takeover() {
		return this.election.ttl().plus(this.election.renewInterval());
	}

	/**
	 * {@code bellwether.health.max-staleness}.
	 * @return the age at which a dataset is stale, {@code null} for the default
	 */
	@Nullable Duration maxStaleness() {
		return this.properties.getHealth().getMaxStaleness();
	}

	/**
	 * The group's name, which only a shared store needs: {@code bellwether.group}, else
	 * derived from {@code spring.application.name}.
	 * @param environment where {@code spring.application.name} is read
	 * @return the group
	 */
	String group(Environment environment) {
		return group(this.properties, environment);
	}

	private static String group(BellwetherProperties properties, Environment environment) {
		String group = properties.getGroup();
		if (group != null) {
			if (!Names.PATTERN.matcher(group).matches()) {
				throw new InvalidBellwetherPropertyException("bellwether.group", group,
						"the group name must match " + Names.PATTERN,
						"Set 'bellwether.group' to " + Names.ALLOWED + ", e.g. '" + Names.derive(group) + "'.");
			}
			return group;
		}
		String applicationName = environment.getProperty("spring.application.name");
		if (!StringUtils.hasText(applicationName)) {
			throw new InvalidBellwetherPropertyException("bellwether.group", "", "no group is set",
					"Set 'bellwether.group' (or 'spring.application.name') to a name shared by all instances "
							+ "of this application: " + Names.ALLOWED + ".");
		}
		group = Names.derive(applicationName);
		if (group.isEmpty()) {
			throw new InvalidBellwetherPropertyException("spring.application.name", applicationName,
					"no group name can be derived from it",
					"Set 'bellwether.group' to " + Names.ALLOWED + ", shared by all instances of this application.");
		}
		if (!group.equals(applicationName)) {
			logger.info("Bellwether group is '" + group + "', derived from spring.application.name '" + applicationName
					+ "'; set 'bellwether.group' to choose another");
		}
		return group;
	}

	private static String nodeId(BellwetherProperties properties) {
		String nodeId = properties.getNodeId();
		if (nodeId == null) {
			return defaultNodeId();
		}
		if (!Names.PATTERN.matcher(nodeId).matches()) {
			throw new InvalidBellwetherPropertyException("bellwether.node-id", nodeId,
					"a node id must match " + Names.PATTERN, "Set 'bellwether.node-id' to " + Names.ALLOWED
							+ ", or remove it to use " + "the default (host name, process id and a random suffix).");
		}
		return nodeId;
	}

	/**
	 * Refuses the in-memory backend where the application asked for Redis and has none.
	 */
	@SuppressWarnings("deprecation") // bellwether.mode=every-instance is still honoured
	void checkMemoryStore() {
		if (this.properties.getStore() == BellwetherProperties.Store.REDIS
				&& this.properties.getMode() == BellwetherProperties.Mode.LEADER) {
			throw new InvalidBellwetherPropertyException("bellwether.store", "redis",
					"the application has no RedisConnectionFactory",
					"Add spring-boot-starter-data-redis and configure 'spring.data.redis.*', "
							+ "or set 'bellwether.store=memory' to keep the group in this instance's memory.");
		}
	}

	private static Duration ttl(BellwetherProperties properties) {
		Duration ttl = properties.getLeader().getTtl();
		if (ttl.compareTo(MIN_TTL) < 0) {
			throw new InvalidBellwetherPropertyException("bellwether.leader.ttl", Durations.format(ttl),
					"the ttl must be at least 500ms", "Set 'bellwether.leader.ttl' to 500ms or more (default 10s).");
		}
		return ttl;
	}

	private static Duration renewInterval(BellwetherProperties properties, Duration ttl) {
		Duration renewInterval = properties.getLeader().getRenewInterval();
		if (renewInterval == null) {
			return ttl.dividedBy(3);
		}
		if (renewInterval.isNegative() || renewInterval.isZero() || renewInterval.multipliedBy(2).compareTo(ttl) >= 0) {
			throw new InvalidBellwetherPropertyException("bellwether.leader.renew-interval",
					Durations.format(renewInterval),
					"the renew interval must be positive and less than half of bellwether.leader.ttl ("
							+ Durations.format(ttl) + ")",
					"Set 'bellwether.leader.renew-interval' below " + Durations.format(ttl.dividedBy(2))
							+ ", or remove it to renew every third of the ttl.");
		}
		return renewInterval;
	}

	private static FleetDatasets.Settings datasetSettings(BellwetherProperties properties) {
		BellwetherProperties.Sync sync = properties.getSync();
		positive("bellwether.sync.verify-interval", sync.getVerifyInterval(), "30s");
		long max = sync.getMaxPayloadSize().toBytes();
		if (max <= 0) {
			throw new InvalidBellwetherPropertyException("bellwether.sync.max-payload-size", sync.getMaxPayloadSize(),
					"the largest payload must be positive", "Set 'bellwether.sync.max-payload-size' to e.g. 10MB.");
		}
		return new FleetDatasets.Settings(sync.getVerifyInterval(), max);
	}

	private static RedisStores.Settings redisSettings(BellwetherProperties properties) {
		BellwetherProperties.Sync sync = properties.getSync();
		long inline = sync.getInlinePayloadLimit().toBytes();
		if (inline < 0) {
			throw new InvalidBellwetherPropertyException("bellwether.sync.inline-payload-limit",
					sync.getInlinePayloadLimit(), "the inline limit cannot be negative",
					"Set 'bellwether.sync.inline-payload-limit' to 0B (always fetch) or more, e.g. 512KB.");
		}
		Duration ttl = properties.getData().getTtl();
		if (ttl != null) {
			positive("bellwether.data.ttl", ttl, "1d, or remove it to keep datasets for ever");
		}
		String signingKey = properties.getSecurity().getSigningKey();
		if (signingKey != null
				&& signingKey.getBytes(StandardCharsets.UTF_8).length < RedisStores.MIN_SIGNING_KEY_BYTES) {
			throw new InvalidBellwetherPropertyException("bellwether.security.signing-key",
					"(a secret of " + signingKey.getBytes(StandardCharsets.UTF_8).length + " bytes)",
					"a key shorter than " + RedisStores.MIN_SIGNING_KEY_BYTES + " bytes is too weak for HmacSHA256",
					"Set 'bellwether.security.signing-key' to a random secret of at least "
							+ RedisStores.MIN_SIGNING_KEY_BYTES
							+ " bytes, the same on every instance (e.g. openssl rand -base64 48).");
		}
		return new RedisStores.Settings(inline, ttl, signingKey);
	}

	private static RetrySettings retrySettings(BellwetherProperties properties) {
		BellwetherProperties.Job.Retry retry = properties.getJob().getRetry();
		if (retry.getMaxRetries() < 0) {
			throw new InvalidBellwetherPropertyException("bellwether.job.retry.max-retries", retry.getMaxRetries(),
					"the number of retries cannot be negative",
					"Set 'bellwether.job.retry.max-retries' to 0 (no retries) or more.");
		}
		positive("bellwether.job.retry.delay", retry.getDelay(), "1s");
		positive("bellwether.job.retry.max-delay", retry.getMaxDelay(), "30s");
		if (retry.getMultiplier() < 1) {
			throw new InvalidBellwetherPropertyException("bellwether.job.retry.multiplier", retry.getMultiplier(),
					"the multiplier must be at least 1", "Set 'bellwether.job.retry.multiplier' to 1 or more, e.g. 2.");
		}
		return new RetrySettings(retry.getMaxRetries(), retry.getDelay(), retry.getMultiplier(), retry.getMaxDelay());
	}

	private static BellwetherCacheManager.Settings cacheSettings(String name, BellwetherProperties.Cache cache) {
		String prefix = "bellwether.cache." + name + ".";
		if (cache.getMaximumSize() <= 0) {
			throw new InvalidBellwetherPropertyException(prefix + "maximum-size", cache.getMaximumSize(),
					"each instance must be able to hold an entry",
					"Set '" + prefix + "maximum-size' to 1 or more, e.g. 10000.");
		}
		positive(prefix + "time-to-live", cache.getTimeToLive(), "10m");
		if (cache.getWaitTimeout().isNegative()) {
			throw new InvalidBellwetherPropertyException(prefix + "wait-timeout",
					Durations.format(cache.getWaitTimeout()), "the duration cannot be negative",
					"Set '" + prefix + "wait-timeout' to 0 (never wait) or more, e.g. 5s.");
		}
		return new BellwetherCacheManager.Settings(cache.getMaximumSize(), cache.getTimeToLive(),
				cache.getWaitTimeout(), cache.isAllowNullValues(), cache.getValueType());
	}

	private static void positive(String property, Duration duration, String example) {
		if (duration.isNegative() || duration.isZero()) {
			throw new InvalidBellwetherPropertyException(property, Durations.format(duration),
					"the duration must be positive",
					"Set '" + property + "' to a positive duration, e.g. " + example + ".");
		}
	}

	private static String defaultNodeId() {
		String host = System.getenv("HOSTNAME");
		if (!StringUtils.hasText(host)) {
			try {
				host = java.net.InetAddress.getLocalHost().getHostName();
			}
			catch (java.io.IOException ex) {
				host = "node";
			}
		}
		String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
		return Names.derive(host) + "-" + ProcessHandle.current().pid() + "-" + suffix;
	}

}
