package dev.bellwether.leader;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bellwether.spi.LeaderToken;
import dev.bellwether.support.EventLane;

import org.springframework.context.ApplicationEventPublisher;

/**
 * What one instance knows of its group's leadership: the term it holds and until when by
 * its monotonic clock, the leader it last saw, and the highest epoch seen. Each change of
 * term queues its event under this object's lock; {@link #publishPending()} tells the
 * library's own listeners in order once the caller holds no lock, and hands each event to
 * the application on the event lane.
 */
final class Tenure {

	/** Logs as the elector, the class users know. */
	private static final Log logger = LogFactory.getLog(LeaderElector.class);

	private final LeaderElector source;

	private final EventLane lane;

	private final ApplicationEventPublisher events;

	private final List<Consumer<LeadershipEvent>> listeners = new CopyOnWriteArrayList<>();

	private final Ticker ticker;

	private final long validNanos;

	private final AtomicLong highestEpoch = new AtomicLong();

	private final Queue<LeadershipEvent> pendingEvents = new ConcurrentLinkedQueue<>();

	private final Object publishing = new Object();

	// Written under this lock, read without it.
	private volatile @Nullable Term term;

	private volatile @Nullable LeaderToken knownLeader;

	Tenure(LeaderElector source, EventLane lane, ApplicationEventPublisher events, Ticker ticker, long validNanos) {
		this.source = source;
		this.lane = lane;
		this.events = events;
		this.ticker = ticker;
		this.validNanos = validNanos;
	}

	boolean isLeader() {
		Term current = this.term;
		return current != null && valid(current);
	}

	Optional<LeaderToken> token() {
		Term current = this.term;
		return (current != null && valid(current)) ? Optional.of(current.token()) : Optional.empty();
	}

	private boolean valid(Term term) {
		return this.ticker.read() - term.validUntil() < 0;
	}

	@Nullable Term term() {
		return this.term;
	}

	Optional<String> leaderId() {
		LeaderToken leader = this.knownLeader;
		return Optional.ofNullable(leader).map(LeaderToken::nodeId);
	}

	long epoch() {
		return this.highestEpoch.get();
	}

	/** Begins a term granted to a request sent at the given time. */
	synchronized Term grant(LeaderToken token, long sent) {
		Term granted = new Term(token, sent + this.validNanos);
		this.term = granted;
		logger.info("Node " + token.nodeId() + " leads with epoch " + token.epoch());
		this.pendingEvents.add(new LeadershipGrantedEvent(this.source, token));
		return granted;
	}

	/**
	 * Applies the answer to a renewal sent at the given time: extends the term, or ends
	 * it if the store refused.
	 * @return whether the term was still the current one
	 */
	synchronized boolean renewed(Term held, boolean renewed, long sent) {
		if (held != this.term) {
			return false;
		}
		if (renewed) {
			this.term = new Term(held.token(), sent + this.validNanos);
		}
		else {
			revoke(held, "its leadership was taken over or lost");
		}
		return true;
	}

	/**
	 * Ends the term if it is the given leadership, renewed or not, and has run out; else
	 * tells when it ends.
	 */
	synchronized long expire(Term held) {
		Term current = this.term;
		if (current == null || !current.token().equals(held.token())) {
			return Long.MAX_VALUE;
		}
		long left = current.validUntil() - this.ticker.read();
		if (left <= 0) {
			revoke(current, "it could not renew in time");
		}
		return left;
	}

	/**
	 * Ends the current term (or the given one only) and queues the revocation.
	 * @return the token that was held, or {@code null} if none was
	 */
	synchronized @Nullable LeaderToken revoke(@Nullable Term expected, String reason) {
		Term held = this.term;
		if (held == null || (expected != null && held != expected)) {
			return null;
		}
		this.term = null;
		if (held.token().equals(this.knownLeader)) {
			this.knownLeader = null;
		}
		logger
			.info("Node " + held.token().nodeId() + " no longer leads (epoch " + held.token().epoch() + "): " + reason);
		this.pendingEvents.add(new LeadershipRevokedEvent(this.source, held.token()));
		return held.token();
	}

	synchronized void observe(LeaderToken leader) {
		this.highestEpoch.accumulateAndGet(leader.epoch(), Math::max);
		LeaderToken known = this.knownLeader;
		if (known == null || known.epoch() <= leader.epoch()) {
			this.knownLeader = leader;
		}
	}

	synchronized void released(LeaderToken leader) {
		if (leader.equals(this.knownLeader)) {
			this.knownLeader = null;
		}
	}

	void addListener(Consumer<LeadershipEvent> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Tells the library's listeners of the queued events, in order, and hands them to the
	 * application's event lane; never called while holding a lock.
	 */
	void publishPending() {
		synchronized (this.publishing) {
			LeadershipEvent event;
			while ((event = this.pendingEvents.poll()) != null) {
				for (Consumer<LeadershipEvent> listener : this.listeners) {
					try {
						listener.accept(event);
					}
					catch (RuntimeException ex) {
						logger.error("A leadership listener of the library failed", ex);
					}
				}
				LeadershipEvent published = event;
				this.lane.deliver(() -> this.events.publishEvent(published));
			}
		}
	}

	record Term(LeaderToken token, long validUntil) {
	}

}
