package dev.bellwether.leader;

import org.springframework.context.ApplicationEvent;

/**
 * Published when this instance becomes its group's leader.
 */
public class LeadershipGrantedEvent extends ApplicationEvent {

	private final LeaderToken token;

	/**
	 * Creates an event.
	 * @param source the leadership that changed
	 * @param token the leadership granted
	 */
	public LeadershipGrantedEvent(Leadership source, LeaderToken token) {
		super(source);
		this.token = token;
	}

	/**
	 * The leadership granted: this node and its new epoch.
	 * @return the token
	 */
	public LeaderToken getToken() {
		return this.token;
	}

}
