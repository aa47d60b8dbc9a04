package dev.bellwether.leader;

import org.springframework.context.ApplicationEvent;

/**
 * Published when this instance stops being its group's leader: it stepped down, shut
 * down, was replaced, or could not renew in time.
 */
public class LeadershipRevokedEvent extends ApplicationEvent {

	private final LeaderToken token;

	/**
	 * Creates an event.
	 * @param source the leadership that changed
	 * @param token the leadership that ended
	 */
	public LeadershipRevokedEvent(Leadership source, LeaderToken token) {
		super(source);
		this.token = token;
	}

	/**
	 * The leadership that ended.
	 * @return the token
	 */
	public LeaderToken getToken() {
		return this.token;
	}

}
