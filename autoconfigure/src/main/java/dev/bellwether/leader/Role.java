package dev.bellwether.leader;

/**
 * An instance's role in its group, as health, the endpoint and heartbeats report it.
 */
public enum Role {

	/** The instance leads: it runs the jobs and publishes. */
	LEADER,

	/** The instance follows the leader's publications. */
	FOLLOWER;

	/**
	 * The role of an instance right now.
	 * @param leadership the instance's leadership
	 * @return its role
	 */
	public static Role of(Leadership leadership) {
		return leadership.isLeader() ? LEADER : FOLLOWER;
	}

}
