package dev.bellwether.leader;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;

/**
 * Elects this instance as its group's leader through a {@link LeaderStore}, keeps the
 * leadership renewed, and gives it up on {@link #stop() shutdown}.
 * <p>
 * A follower does not poll: after a failed attempt it waits until the current leadership
 * would expire, and a release announcement wakes it at once. A leader renews every renew
 * interval and counts itself leader only until {@code renew start + ttl - margin} by its
 * own monotonic clock, so it stops acting before the store lets anyone else in.
 * {@link LeadershipGrantedEvent} and {@link LeadershipRevokedEvent} are published on the
 * election threads, in order: listeners should return quickly.
 */
public final class LeaderElector implements Leadership, SmartLifecycle, LeaderStore.Listener {

	/** Starts after the web server, stops before its graceful shutdown begins. */
	public static final int PHASE = DEFAULT_PHASE - 512;

	private static final Log logger = LogFactory.getLog(LeaderElector.class);

	private final LeaderStore store;

	private final String nodeId;

	private final Duration ttl;

	private final long renewNanos;

	private final long validNanos;

	private final ApplicationEventPublisher events;

	private final AtomicLong highestEpoch = new AtomicLong();

	private volatile @Nullable Term term;

	private volatile @Nullable LeaderToken knownLeader;

	private @Nullable ScheduledThreadPoolExecutor executor;

	private @Nullable ScheduledFuture<?> nextAttempt;

	private boolean attempting;

	private boolean wakeRequested;

	private long quietUntil;

	private boolean failing;

	/**
	 * Creates an elector; it competes once {@link #start() started}.
	 * @param store where leadership is kept
	 * @param nodeId this instance's node id, unique in its group
	 * @param ttl how long a leadership lasts without renewal
	 * @param renewInterval how often the leader renews, less than half the ttl
	 * @param events where leadership events go
	 */
	public LeaderElector(LeaderStore store, String nodeId, Duration ttl, Duration renewInterval,
			ApplicationEventPublisher events) {
		Assert.notNull(store, "'store' must not be null");
		Assert.hasText(nodeId, "'nodeId' must not be empty");
		Assert.isTrue(
				!renewInterval.isNegative() && !renewInterval.isZero()
						&& renewInterval.multipliedBy(2).compareTo(ttl) < 0,
				"'renewInterval' must be positive and less than half of 'ttl'");
		this.store = store;
		this.nodeId = nodeId;
		this.ttl = ttl;
		this.renewNanos = renewInterval.toNanos();
		this.validNanos = ttl.toNanos() - ttl.toNanos() / 10;
		this.events = events;
	}

	@Override
	public boolean isLeader() {
		return valid(this.term);
	}

	@Override
	public Optional<LeaderToken> token() {
		Term current = this.term;
		return valid(current) ? Optional.of(current.token()) : Optional.empty();
	}

	private static boolean valid(@Nullable Term term) {
		return term != null && System.nanoTime() - term.validUntil() < 0;
	}

	@Override
	public String nodeId() {
		return this.nodeId;
	}

	@Override
	public Optional<String> leaderId() {
		LeaderToken leader = this.knownLeader;
		return Optional.ofNullable(leader).map(LeaderToken::nodeId);
	}

	@Override
	public long epoch() {
		return this.highestEpoch.get();
	}

	@Override
	public boolean stepDown() {
		LeaderToken token;
		synchronized (this) {
			token = revoke(null, "stepped down");
			if (token == null) {
				return false;
			}
			this.quietUntil = System.nanoTime() + this.renewNanos;
		}
		release(token);
		return true;
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.executor = new ScheduledThreadPoolExecutor(2, new CustomizableThreadFactory("bellwether-leader-"));
		this.executor.setRemoveOnCancelPolicy(true);
		this.store.subscribe(this);
		schedule(0);
	}

	@Override
	public void stop() {
		ScheduledThreadPoolExecutor stopping;
		LeaderToken token;
		synchronized (this) {
			stopping = this.executor;
			if (stopping == null) {
				return;
			}
			this.executor = null;
			token = revoke(null, "shutting down");
		}
		if (token != null) {
			var released = stopping.submit(() -> release(token));
			try {
				released.get(this.ttl.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				logger.warn("Could not release leadership " + token + " on shutdown; it expires within " + this.ttl);
			}
		}
		stopping.shutdownNow();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void elected(LeaderToken token) {
		observe(token);
	}

	@Override
	public void released(LeaderToken token) {
		synchronized (this) {
			if (token.equals(this.knownLeader)) {
				this.knownLeader = null;
			}
			if (this.term == null && this.executor != null) {
				wake();
			}
		}
	}

	private void attempt() {
		synchronized (this) {
			if (this.executor == null) {
				return;
			}
			if (this.attempting) {
				this.wakeRequested = true;
				return;
			}
			this.attempting = true;
			this.wakeRequested = false;
		}
		long delay = this.renewNanos;
		try {
			Term held = this.term;
			delay = (held != null) ? renew(held) : acquire();
			this.failing = false;
		}
		catch (RuntimeException ex) {
			if (!this.failing) {
				logger.warn("Leader election for " + this.nodeId + " failed; retrying every "
						+ Duration.ofNanos(this.renewNanos) + " until it works again", ex);
			}
			this.failing = true;
		}
		synchronized (this) {
			this.attempting = false;
			schedule(this.wakeRequested ? 0 : delay);
		}
	}

	private long acquire() {
		long quiet = this.quietUntil - System.nanoTime();
		if (quiet > 0) {
			return quiet;
		}
		long sent = System.nanoTime();
		LeaderStore.Acquisition acquisition = this.store.tryAcquire(this.nodeId, this.highestEpoch.get(), this.ttl);
		LeaderToken leader = acquisition.leader();
		if (leader != null) {
			observe(leader);
		}
		if (acquisition.acquired() && leader != null) {
			return grant(new Term(leader, sent + this.validNanos)) ? this.renewNanos : 0;
		}
		long remaining = acquisition.remaining().toNanos();
		return (remaining > 0) ? Math.min(remaining, this.ttl.toNanos()) + TimeUnit.MILLISECONDS.toNanos(1)
				: this.renewNanos;
	}

	private long renew(Term held) {
		long sent = System.nanoTime();
		boolean renewed = this.store.renew(held.token(), this.ttl);
		synchronized (this) {
			if (held == this.term) {
				if (renewed) {
					this.term = new Term(held.token(), sent + this.validNanos);
					return this.renewNanos;
				}
				revoke(held, "its leadership was taken over or lost");
				return 0;
			}
		}
		if (renewed) {
			// Revoked locally while the renewal was in flight: free the key for the
			// others.
			release(held.token());
		}
		return 0;
	}

	private synchronized boolean grant(Term granted) {
		if (this.executor == null) {
			release(granted.token());
			return false;
		}
		this.term = granted;
		logger.info("Node " + this.nodeId + " leads with epoch " + granted.token().epoch());
		publish(new LeadershipGrantedEvent(this, granted.token()));
		scheduleExpiry(granted.validUntil());
		return true;
	}

	private void expire() {
		synchronized (this) {
			Term held = this.term;
			if (held == null || this.executor == null) {
				return;
			}
			if (System.nanoTime() - held.validUntil() < 0) {
				scheduleExpiry(held.validUntil());
				return;
			}
			revoke(held, "it could not renew in time");
		}
	}

	/**
	 * Ends the current term (or the given one only) and publishes the revocation.
	 * @return the token that was held, or {@code null} if none was
	 */
	private synchronized @Nullable LeaderToken revoke(@Nullable Term expected, String reason) {
		Term held = this.term;
		if (held == null || (expected != null && held != expected)) {
			return null;
		}
		this.term = null;
		if (held.token().equals(this.knownLeader)) {
			this.knownLeader = null;
		}
		logger.info("Node " + this.nodeId + " no longer leads (epoch " + held.token().epoch() + "): " + reason);
		publish(new LeadershipRevokedEvent(this, held.token()));
		return held.token();
	}

	private void release(LeaderToken token) {
		try {
			this.store.release(token);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release leadership " + token + "; it expires within " + this.ttl, ex);
		}
	}

	private void observe(LeaderToken leader) {
		this.highestEpoch.accumulateAndGet(leader.epoch(), Math::max);
		synchronized (this) {
			LeaderToken known = this.knownLeader;
			if (known == null || known.epoch() <= leader.epoch()) {
				this.knownLeader = leader;
			}
		}
	}

	private void publish(ApplicationEvent event) {
		try {
			this.events.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.error("A leadership event listener failed", ex);
		}
	}

	private synchronized void wake() {
		if (this.attempting) {
			this.wakeRequested = true;
		}
		else {
			schedule(0);
		}
	}

	private synchronized void schedule(long delayNanos) {
		ScheduledThreadPoolExecutor current = this.executor;
		if (current == null) {
			return;
		}
		if (this.nextAttempt != null) {
			this.nextAttempt.cancel(false);
		}
		this.nextAttempt = current.schedule(this::attempt, Math.max(delayNanos, 0), TimeUnit.NANOSECONDS);
	}

	private synchronized void scheduleExpiry(long validUntil) {
		ScheduledThreadPoolExecutor current = this.executor;
		if (current != null) {
			current.schedule(this::expire, validUntil - System.nanoTime(), TimeUnit.NANOSECONDS);
		}
	}

	private record Term(LeaderToken token, long validUntil) {
	}

}
