package dev.bellwether.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bellwether.leader.ElectionSettings;
import dev.bellwether.spi.CacheStore;
import dev.bellwether.spi.DatasetStore;
import dev.bellwether.spi.JobStore;
import dev.bellwether.spi.LeaderStore;
import dev.bellwether.spi.LoadStore;
import dev.bellwether.spi.MemberStore;
import dev.bellwether.spi.Stores;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.Assert;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The stores of one group in Redis: every state change is one Lua script, and
 * announcements travel on the group's pub/sub channel, received through the given
 * listener container.
 * <p>
 * No call waits on Redis longer than it is worth, whatever the application's command
 * timeout: each runs through the reactive API of the connection factory (Lettuce's, for
 * standalone, Sentinel and Cluster alike) and is cancelled, failing with a
 * {@link RedisTimeoutException}, once its {@link Timeouts bound} has passed. The bounds
 * follow from the leadership's ttl and renew interval and the sync's verify interval:
 * <ul>
 * <li>acquire: the renew interval, after which a follower tries again anyway;</li>
 * <li>renew: what is left of the leader's validity when a renewal is due
 * ({@code ttl - ttl/10 - renew interval}), and at most the renew interval, so a renewal
 * never outlives the term it extends;</li>
 * <li>release: at most one second (and the renew interval): it is best-effort, the ttl
 * frees a leadership that was not released, and shutdown waits for it;</li>
 * <li>fenced writes (publish, job start and finish, cache writes): the leader's validity
 * ({@code ttl - ttl/10}); a write that lands after the leadership ended is refused by the
 * script anyway;</li>
 * <li>reads (reconcile, fetch, job state, cache reads) and heartbeats: the ttl, and at
 * most the verify interval, so a read never overlaps the next reconciliation;</li>
 * <li>inspection (the fleet's members, for the endpoint) and the background probe that
 * health starts when no call has ended lately: the release bound, and at most 500
 * ms.</li>
 * </ul>
 */
public final class RedisStores implements Stores {

	/** The shortest signing key accepted: 256 bits, as HmacSHA256 wants. */
	public static final int MIN_SIGNING_KEY_BYTES = 32;

	private static final Log logger = LogFactory.getLog(RedisStores.class);

	private static final RedisScript<Long> ACL_PROBE = Scripts.load("acl-probe", Long.class);

	private final RedisCalls calls;

	private final RedisKeys keys;

	private final Timeouts timeouts;

	private final String group;

	private final LeaderStore leader;

	private final DatasetStore datasets;

	private final JobStore jobs;

	private final CacheStore caches;

	private final LoadStore loads;

	private final MemberStore members;

	/**
	 * Creates the stores of one group with the bounds of the default leadership (10s ttl,
	 * renewed every 3.3s) and sync (verified every 30s), and subscribes to its channel.
	 * @param connectionFactory the connections to run the scripts on, also a
	 * {@link ReactiveRedisConnectionFactory}
	 * @param listenerContainer the container that receives the group's channel
	 * @param group the group's name
	 * @param settings how datasets are stored and announced
	 */
	public RedisStores(RedisConnectionFactory connectionFactory, RedisMessageListenerContainer listenerContainer,
			String group, Settings settings) {
		this(connectionFactory, listenerContainer, group, settings,
				Timeouts.of(Duration.ofSeconds(10), Duration.ofSeconds(10).dividedBy(3), Duration.ofSeconds(30)));
	}

	/**
	 * Creates the stores of one group and subscribes to its channel.
	 * @param connectionFactory the connections to run the scripts on, also a
	 * {@link ReactiveRedisConnectionFactory} (as Lettuce's is)
	 * @param listenerContainer the container that receives the group's channel
	 * @param group the group's name
	 * @param settings how datasets are stored and announced
	 * @param timeouts how long each kind of call may wait for Redis
	 */
	public RedisStores(RedisConnectionFactory connectionFactory, RedisMessageListenerContainer listenerContainer,
			String group, Settings settings, Timeouts timeouts) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.isInstanceOf(ReactiveRedisConnectionFactory.class, connectionFactory,
				"'connectionFactory' must also be a ReactiveRedisConnectionFactory (Lettuce) to bound its calls: ");
		Assert.notNull(listenerContainer, "'listenerContainer' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		Assert.notNull(timeouts, "'timeouts' must not be null");
		RedisKeys keys = new RedisKeys(group);
		RedisCalls redis = new RedisCalls(
				new ReactiveStringRedisTemplate((ReactiveRedisConnectionFactory) connectionFactory));
		String signingKey = settings.signingKey();
		RedisChannel channel = new RedisChannel(listenerContainer, keys, redis, timeouts.write(),
				(signingKey != null) ? new MessageSigner(signingKey) : null);
		this.calls = redis;
		this.keys = keys;
		this.timeouts = timeouts;
		this.group = group;
		this.leader = new RedisLeaderStore(redis, channel, keys, timeouts);
		this.datasets = new RedisDatasetStore(redis, channel, keys, settings, timeouts);
		this.jobs = new RedisJobStore(redis, channel, keys, timeouts);
		this.caches = new RedisCacheStore(redis, channel, keys, timeouts);
		this.members = new RedisMemberStore(redis, keys, timeouts);
		this.loads = new RedisLoadStore(redis, channel, keys, timeouts);
	}

	/**
	 * Creates the listener container to give the stores: it subscribes in the background
	 * (so the application starts while Redis is down, and listens once it answers,
	 * retrying with a back-off from 100 ms to 5 s) and waits at most a second for Redis
	 * when it stops.
	 * @param connectionFactory the connections to subscribe with
	 * @param executor where the container dispatches messages: one thread keeps them in
	 * order
	 * @return an unstarted container
	 */
	public static RedisMessageListenerContainer listenerContainer(RedisConnectionFactory connectionFactory,
			Executor executor) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(executor, "'executor' must not be null");
		ExponentialBackOff recovery = new ExponentialBackOff(100, 2);
		recovery.setMaxInterval(5000);
		BackgroundListenerContainer container = new BackgroundListenerContainer(recovery, Duration.ofSeconds(1));
		container.setConnectionFactory(connectionFactory);
		container.setTaskExecutor(executor);
		return container;
	}

	/**
	 * Checks that Redis lets this application in and its ACL user run every command the
	 * scripts run (a probe on keys of the group's own): a refused password, user or
	 * command is a misconfiguration to report at start-up, while a Redis that is down or
	 * slow is an outage to ride out (the library starts and joins the group when Redis
	 * answers). Waits at most the read bound (the ttl, at most the verify interval) for
	 * each of the two calls: a cold JVM's first connection on a busy machine can take
	 * more than a second, and that is no outage.
	 * @throws RedisAccessDeniedException if Redis refused the credentials or a command
	 */
	public void checkAccess() {
		try {
			this.calls.call("access check", this.timeouts.read(),
					(redis) -> redis.getConnectionFactory().getReactiveConnection().ping());
			this.calls.call("ACL probe", this.timeouts.read(),
					(redis) -> redis.execute(ACL_PROBE, this.keys.probe(), List.of(this.keys.probeChannel())).next());
		}
		catch (RedisAccessDeniedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			logger.warn("Redis does not answer yet (" + ex.getMessage()
					+ "); starting anyway, to join the group when it answers");
		}
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
	public LoadStore loads() {
		return this.loads;
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

	/**
	 * How long each kind of call may wait for Redis before it is cancelled.
	 *
	 * @param acquire an attempt to become leader
	 * @param renew a renewal of the leadership held
	 * @param release giving the leadership up
	 * @param write a fenced write: publish, job start and finish, cache write
	 * @param read a read: reconcile, fetch, job state, cache read; and a heartbeat
	 * @param inspect a read for display: the fleet's members
	 * @param probe the read of the datasets' revisions that health and readiness make
	 * when what they hold is not current
	 */
	public record Timeouts(Duration acquire, Duration renew, Duration release, Duration write, Duration read,
			Duration inspect, Duration probe) {

		private static final Duration MAX_RELEASE = Duration.ofSeconds(1);

		private static final Duration MAX_INSPECT = Duration.ofMillis(250);

		private static final Duration MAX_PROBE = Duration.ofMillis(50);

		public Timeouts {
			for (Duration bound : List.of(acquire, renew, release, write, read, inspect, probe)) {
				Assert.isTrue(bound.compareTo(Duration.ZERO) > 0, "Every timeout must be positive");
			}
		}

		/**
		 * The bounds that follow from a leadership and a sync, as the class describes.
		 * @param ttl how long a leadership lasts without renewal
		 * @param renewInterval how often the leader renews, less than half the ttl
		 * @param verifyInterval how often each instance reconciles with Redis
		 * @return the bounds
		 */
		public static Timeouts of(Duration ttl, Duration renewInterval, Duration verifyInterval) {
			Duration validity = ElectionSettings.validity(ttl);
			Duration release = min(renewInterval, MAX_RELEASE);
			return new Timeouts(renewInterval, min(renewInterval, validity.minus(renewInterval)), release, validity,
					min(ttl, verifyInterval), min(release, MAX_INSPECT), min(release, MAX_PROBE));
		}

		private static Duration min(Duration a, Duration b) {
			return (a.compareTo(b) <= 0) ? a : b;
		}

	}

}
