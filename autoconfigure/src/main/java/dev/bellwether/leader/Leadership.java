package dev.bellwether.leader;

import java.util.Optional;

import dev.bellwether.spi.LeaderToken;

/**
 * This instance's view of its group's leadership.
 * <p>
 * {@link #isLeader()} is cheap (no Redis call) and turns {@code false} before any other
 * instance can be elected: a leader counts itself leader only until its last successful
 * renewal plus the ttl minus a safety margin, measured by its own monotonic clock.
 */
public interface Leadership {

	/**
	 * Whether this instance leads its group right now.
	 * @return {@code true} while this instance holds a valid leadership
	 */
	boolean isLeader();

	/**
	 * The leadership this instance holds right now. Writes made with it are refused once
	 * it has been replaced, so a task that captures it at its start cannot act after
	 * losing leadership midway.
	 * @return the current token, empty on a follower
	 */
	Optional<LeaderToken> token();

	/**
	 * This instance's node id.
	 * @return the node id
	 */
	String nodeId();

	/**
	 * The node id of the leader as last seen by this instance.
	 * @return the leader's node id, empty when no leader is known
	 */
	Optional<String> leaderId();

	/**
	 * The fencing epoch: the highest leadership number this instance has seen. Every
	 * election raises it, to at least the store's clock in microseconds; it never goes
	 * back, even when a failover or an empty restart loses the store's last grants.
	 * @return the epoch, {@code 0} before any leader was seen
	 */
	long epoch();

	/**
	 * Hands leadership over: releases it at once so that another instance takes over, and
	 * waits one renew interval before competing again. Does nothing on a follower.
	 * @return whether this instance was leader
	 */
	boolean stepDown();

}
