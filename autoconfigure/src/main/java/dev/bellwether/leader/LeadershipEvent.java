package dev.bellwether.leader;

import dev.bellwether.spi.LeaderToken;

import org.springframework.context.ApplicationEvent;

/**
 * A change of this instance's leadership.
 *
 * @see LeadershipGrantedEvent
 * @see LeadershipRevokedEvent
 */
public abstract class LeadershipEvent extends ApplicationEvent {

	private final LeaderToken token;

	LeadershipEvent(Leadership source, LeaderToken token) {
		super(source);
		this.token = token;
	}

	/**
	 * The leadership concerned: this node and the epoch it was granted with.
	 * @return the token
	 */
	public LeaderToken getToken() {
		return this.token;
	}

}
