package dev.bellwether.redis;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.bellwether.data.CacheStore;
import dev.bellwether.data.DatasetStore;
import dev.bellwether.data.MemberStore;
import dev.bellwether.leader.LeaderStore;
import dev.bellwether.schedule.JobStore;
import dev.bellwether.store.Stores;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.Assert;

/**
 * The stores of one group in Redis: every state change is one Lua script, and
 * announcements travel on the group's pub/sub channel, received through the given
 * listener container.
 */
public final class RedisStores implements Stores {

	/** The fewest bytes a signing key may have: the length of an HmacSHA256 hash. */
	public static final int MIN_SIGNING_KEY_BYTES = 32;

	private final String group;

	private final LeaderStore leader;

	private final DatasetStore datasets;

	private final JobStore jobs;

	private final CacheStore caches;

	private final MemberStore members;

	/**
	 * Creates the stores of one group and subscribes to its channel.
	 * @param connectionFactory the connections to run the scripts on
	 * @param listenerContainer the container that receives the group's channel
	 * @param group the group's name
	 * @param settings how datasets are stored and announced
	 */
	public RedisStores(RedisConnectionFactory connectionFactory, RedisMessageListenerContainer listenerContainer,
			String group, Settings settings) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(listenerContainer, "'listenerContainer' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		RedisKeys keys = new RedisKeys(group);
		StringRedisTemplate redis = RedisErrors.template(connectionFactory);
		String signingKey = settings.signingKey();
		RedisChannel channel = new RedisChannel(listenerContainer, keys, redis,
				(signingKey != null) ? new MessageSigner(signingKey) : null);
		this.group = group;
		this.leader = new RedisLeaderStore(redis, channel, keys);
		this.datasets = new RedisDatasetStore(redis, channel, keys, settings);
		this.jobs = new RedisJobStore(redis, keys);
		this.caches = new RedisCacheStore(redis, channel, keys);
		this.members = new RedisMemberStore(redis, keys);
	}

	/**
	 * The group these stores belong to.
	 * @return the group's name
	 */
	public String group() {
		return this.group;
	}

	@Override
	public LeaderStore leader() {
		return this.leader;
	}

	@Override
	public DatasetStore datasets() {
		return this.datasets;
	}

	@Override
	public JobStore jobs() {
		return this.jobs;
	}

	@Override
	public CacheStore caches() {
		return this.caches;
	}

	@Override
	public MemberStore members() {
		return this.members;
	}

	/**
	 * How datasets are stored and announced.
	 *
	 * @param inlinePayloadLimit the largest payload sent inline with its announcement, in
	 * bytes; larger ones are fetched by each instance
	 * @param ttl how long a dataset is kept after its last publication, {@code null} for
	 * ever
	 * @param signingKey the secret every announcement is signed with (HmacSHA256, at
	 * least {@value #MIN_SIGNING_KEY_BYTES} bytes), {@code null} for unsigned
	 * announcements
	 */
	public record Settings(long inlinePayloadLimit, @Nullable Duration ttl, @Nullable String signingKey) {

		/**
		 * Settings for unsigned announcements.
		 * @param inlinePayloadLimit the largest payload sent inline
		 * @param ttl how long a dataset is kept, {@code null} for ever
		 */
		public Settings(long inlinePayloadLimit, @Nullable Duration ttl) {
			this(inlinePayloadLimit, ttl, null);
		}

		@Override
		public String toString() {
			return "Settings[inlinePayloadLimit=" + this.inlinePayloadLimit + ", ttl=" + this.ttl + ", signed="
					+ (this.signingKey != null) + "]";
		}

	}

}
