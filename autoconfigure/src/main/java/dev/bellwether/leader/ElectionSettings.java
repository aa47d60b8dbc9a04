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

}
