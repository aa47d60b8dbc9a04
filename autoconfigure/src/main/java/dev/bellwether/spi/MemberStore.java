package dev.bellwether.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where the live members of a group announce themselves with heartbeats that expire.
 */
public interface MemberStore {

	/**
	 * Records a member's heartbeat.
	 * @param member what the member holds
	 * @param ttl how long the heartbeat counts
	 */
	void heartbeat(Member member, Duration ttl);

	/**
	 * Reads every member whose heartbeat still counts.
	 * @return the members
	 */
	List<Member> members();

	/**
	 * A member as it announced itself.
	 *
	 * @param nodeId the member's node id
	 * @param role {@code LEADER} or {@code FOLLOWER}
	 * @param epoch the highest epoch the member has seen
	 * @param revisions the revision it holds of each dataset
	 * @param heartbeatAt when it announced itself, epoch milliseconds by the store's
	 * clock ({@code 0} when sending)
	 */
	record Member(String nodeId, String role, long epoch, Map<String, Long> revisions, long heartbeatAt) {
	}

}
