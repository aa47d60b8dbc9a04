package dev.bellwether.leader;

import dev.bellwether.spi.LeaderToken;

/**
 * Published when this instance becomes its group's leader.
 */
public class LeadershipGrantedEvent extends LeadershipEvent {

	/**
	 * Creates an event.
	 * @param source the leadership that changed
	 * @param token the leadership granted
	 */
	public LeadershipGrantedEvent(Leadership source, LeaderToken token) {
		super(source, token);
	}

}
