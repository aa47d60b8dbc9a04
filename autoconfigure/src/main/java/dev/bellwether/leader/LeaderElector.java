package dev.bellwether.leader;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bellwether.spi.LeaderStore;
import dev.bellwether.spi.LeaderToken;
import dev.bellwether.support.Durations;
import dev.bellwether.support.EventLane;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.Assert;

/**
 * Elects this instance as its group's leader through a {@link LeaderStore}, keeps the
 * leadership renewed, and gives it up on {@link #stop() shutdown}.
 * <p>
 * A follower does not poll: after a failed attempt it waits until the current leadership
 * would expire, and a release announcement wakes it at once. A leader renews every renew
 * interval and counts itself leader only until {@code renew start + ttl - margin} by its
 * own monotonic {@link Ticker}, so it stops acting before the store lets anyone else in.
 * A renewal that fails or times out is tried again after a tenth of the renew interval,
 * not a whole one, while the term lasts: with the default timings, a renewal that waited
 * its whole bound and a retry a renew interval later would end after the term, so one
 * slow answer would cost the leadership. {@link LeadershipGrantedEvent} and
 * {@link LeadershipRevokedEvent} are published in order on the application's
 * {@link EventLane}, never on the election's threads: a slow listener cannot delay a
 * renewal.
 */
public final class LeaderElector implements Leadership, SmartLifecycle, LeaderStore.Listener {

	/** Starts after the web server, stops before its graceful shutdown begins. */
	public static final int PHASE = DEFAULT_PHASE - 512;

	private static final Log logger = LogFactory.getLog(LeaderElector.class);

	private final LeaderStore store;

	private final ElectionSettings settings;

	private final long renewNanos;

	private final long retryNanos;

	private final TaskScheduler scheduler;

	private final Ticker ticker;

	private final Tenure tenure;

	// Guarded by this.
	private boolean running;

	private @Nullable ScheduledFuture<?> nextAttempt;

	private boolean attempting;

	private boolean wakeRequested;

	// Set by a step-down, read by the next attempt.
	private volatile long quietUntil;

	// Only read and written by the attempt in progress.
	private boolean failing;

	/**
	 * Creates an elector; it competes once {@link #start() started}.
	 * @param store where leadership is kept
	 * @param settings who this instance is and how long leadership lasts
	 * @param lane where the application hears of leadership events
	 * @param events where leadership events go, called on the lane
	 * @param scheduler where attempts, renewals and expiries are planned
	 * @param ticker the monotonic clock that bounds this instance's leadership
	 */
	public LeaderElector(LeaderStore store, ElectionSettings settings, EventLane lane, ApplicationEventPublisher events,
			TaskScheduler scheduler, Ticker ticker) {
		Assert.notNull(store, "'store' must not be null");
		Assert.notNull(scheduler, "'scheduler' must not be null");
		Assert.notNull(ticker, "'ticker' must not be null");
		this.store = store;
		this.settings = settings;
		this.renewNanos = settings.renewInterval().toNanos();
		this.retryNanos = this.renewNanos / 10;
		this.scheduler = scheduler;
		this.ticker = ticker;
		// Not quiet: a reading, since readings may be negative.
		this.quietUntil = ticker.read();
		this.tenure = new Tenure(this, lane, events, ticker, settings.validity().toNanos());
	}

	/**
	 * Registers a listener of the library's own, told of every change of leadership in
	 * order on the election's thread, before the application hears of it: it must return
	 * at once.
	 * @param listener the listener
	 */
	public void addListener(Consumer<LeadershipEvent> listener) {
		this.tenure.addListener(listener);
	}

	@Override
	public boolean isLeader() {
		return this.tenure.isLeader();
	}

	@Override
	public Optional<LeaderToken> token() {
		return this.tenure.token();
	}

	@Override
	public String nodeId() {
		return this.settings.nodeId();
	}

	@Override
	public Optional<String> leaderId() {
		return this.tenure.leaderId();
	}

	@Override
	public long epoch() {
		return this.tenure.epoch();
	}

	@Override
	public boolean stepDown() {
		return giveUp("stepped down", true);
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.store.subscribe(this);
		schedule(0);
	}

	/** Stops competing and releases a leadership held; the ttl covers a lost release. */
	@Override
	public void stop() {
		synchronized (this) {
			if (!this.running) {
				return;
			}
			this.running = false;
			if (this.nextAttempt != null) {
				this.nextAttempt.cancel(false);
			}
		}
		giveUp("shutting down", false);
	}

	/** Ends the term held, if any, and releases it; the quiet period keeps it away. */
	private boolean giveUp(String reason, boolean quiet) {
		LeaderToken token;
		synchronized (this) {
			token = this.tenure.revoke(null, reason);
			if (token != null && quiet) {
				this.quietUntil = this.ticker.read() + this.renewNanos;
			}
		}
		this.tenure.publishPending();
		if (token != null) {
			release(token);
		}
		return token != null;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void elected(LeaderToken token) {
		this.tenure.observe(token);
	}

	@Override
	public synchronized void released(LeaderToken token) {
		this.tenure.released(token);
		if (this.tenure.term() == null) {
			// An attempt in flight answers with what the store held before the release:
			// it must not plan its wait over this wake-up.
			this.wakeRequested = true;
			schedule(0);
		}
	}

	private void attempt() {
		synchronized (this) {
			if (!this.running) {
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
			Tenure.Term held = this.tenure.term();
			delay = (held != null) ? renew(held) : acquire();
			this.failing = false;
		}
		catch (RuntimeException ex) {
			if (!this.failing) {
				logger.warn("Leader election for "
						+ nodeId() + " failed; retrying every " + Durations.format((this.tenure.term() != null)
								? Duration.ofNanos(this.retryNanos) : this.settings.renewInterval())
						+ " until it works again", ex);
			}
			this.failing = true;
			if (this.tenure.term() != null) {
				delay = this.retryNanos;
			}
		}
		synchronized (this) {
			this.attempting = false;
			schedule(this.wakeRequested ? 0 : delay);
		}
		this.tenure.publishPending();
	}

	private long acquire() {
		long quiet = this.quietUntil - this.ticker.read();
		if (quiet > 0) {
			return quiet;
		}
		long sent = this.ticker.read();
		LeaderStore.Acquisition acquisition = this.store.tryAcquire(nodeId(), this.tenure.epoch(), this.settings.ttl());
		LeaderToken leader = acquisition.leader();
		if (leader != null) {
			this.tenure.observe(leader);
			if (acquisition.acquired()) {
				if (grant(leader, sent)) {
					return this.renewNanos;
				}
				release(leader); // stopped while acquiring
				return 0;
			}
		}
		long remaining = acquisition.remaining().toNanos();
		return (remaining > 0) ? Math.min(remaining, this.settings.ttl().toNanos()) + TimeUnit.MILLISECONDS.toNanos(1)
				: this.renewNanos;
	}

	private long renew(Tenure.Term held) {
		long sent = this.ticker.read();
		boolean renewed = this.store.renew(held.token(), this.settings.ttl());
		boolean current = this.tenure.renewed(held, renewed, sent);
		if (renewed && !current) {
			release(held.token()); // revoked here while the renewal was in flight
		}
		return (renewed && current) ? this.renewNanos : 0;
	}

	private synchronized boolean grant(LeaderToken token, long sent) {
		if (!this.running) {
			return false;
		}
		scheduleExpiry(this.tenure.grant(token, sent));
		return true;
	}

	private void expire(Tenure.Term held) {
		synchronized (this) {
			if (!this.running) {
				return;
			}
			long left = this.tenure.expire(held);
			if (left > 0 && left != Long.MAX_VALUE) {
				// Renewed since: check again when the renewed term ends.
				this.scheduler.schedule(() -> expire(held), in(left));
			}
		}
		this.tenure.publishPending();
	}

	private void release(LeaderToken token) {
		try {
			this.store.release(token);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release leadership " + token + "; it expires within "
					+ Durations.format(this.settings.ttl()), ex);
		}
	}

	private synchronized void schedule(long delayNanos) {
		if (!this.running) {
			return;
		}
		if (this.nextAttempt != null) {
			this.nextAttempt.cancel(false);
		}
		this.nextAttempt = this.scheduler.schedule(this::attempt, in(delayNanos));
	}

	private void scheduleExpiry(Tenure.Term term) {
		this.scheduler.schedule(() -> expire(term), in(term.validUntil() - this.ticker.read()));
	}

	private Instant in(long delayNanos) {
		return this.scheduler.getClock().instant().plusNanos(Math.max(delayNanos, 0));
	}

}
