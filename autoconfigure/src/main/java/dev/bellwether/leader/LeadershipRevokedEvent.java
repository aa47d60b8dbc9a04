package dev.bellwether.leader;

import dev.bellwether.spi.LeaderToken;

/**
 * Published when this instance stops being its group's leader: it stepped down, shut
 * down, was replaced, or could not renew in time.
 */
public class LeadershipRevokedEvent extends LeadershipEvent {

	/**
	 * Creates an event.
	 * @param source the leadership that changed
	 * @param token the leadership that ended
	 */
	public LeadershipRevokedEvent(Leadership source, LeaderToken token) {
		super(source, token);
	}

}
