package dev.bellwether.leader;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Who this instance is and how long its leadership lasts.
 *
 * @param nodeId this instance's node id, unique in its group
 * @param ttl how long a leadership lasts without renewal
 * @param renewInterval how often the leader renews, less than half the ttl
 */
public record ElectionSettings(String nodeId, Duration ttl, Duration renewInterval) {

	public ElectionSettings {
		Assert.hasText(nodeId, "'nodeId' must not be empty");
		Assert.isTrue(
				!renewInterval.isNegative() && !renewInterval.isZero()
						&& renewInterval.multipliedBy(2).compareTo(ttl) < 0,
				"'renewInterval' must be positive and less than half of 'ttl'");
	}

	/**
	 * How long a leader counts itself leader after sending a renewal that succeeds.
	 * @return {@link #validity(Duration)} of the ttl
	 */
	public Duration validity() {
		return validity(this.ttl);
	}

	/**
	 * How long a leadership of the given ttl counts, by the leader's own clock, from the
	 * moment it sent the renewal: the ttl less a tenth, so that the leader stops acting
	 * before its key can expire in the store and another instance be granted it.
	 * @param ttl how long the store keeps the leadership
	 * @return ttl − ttl/10
	 */
	public static Duration validity(Duration ttl) {
		return ttl.minus(ttl.dividedBy(10));
	}

}
