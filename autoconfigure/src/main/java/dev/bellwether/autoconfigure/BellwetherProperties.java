package dev.bellwether.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of Bellwether, under {@code bellwether.*}.
 */
@ConfigurationProperties("bellwether")
public class BellwetherProperties {

	/**
	 * Whether Bellwether is enabled.
	 */
	private boolean enabled = true;

	/**
	 * Name of the group of identical instances that elect one leader and share datasets.
	 * Defaults to 'spring.application.name'. Must match [A-Za-z0-9:_-]{1,200}.
	 */
	private @Nullable String group;

	/**
	 * Id of this instance in its group. Defaults to the host name, the process id and a
	 * random suffix.
	 */
	private @Nullable String nodeId;

	private final Leader leader = new Leader();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getGroup() {
		return this.group;
	}

	public void setGroup(@Nullable String group) {
		this.group = group;
	}

	public @Nullable String getNodeId() {
		return this.nodeId;
	}

	public void setNodeId(@Nullable String nodeId) {
		this.nodeId = nodeId;
	}

	public Leader getLeader() {
		return this.leader;
	}

	/**
	 * Leader election.
	 */
	public static class Leader {

		/**
		 * How long a leadership lasts without renewal: a crashed leader is replaced
		 * within about this time. At least 500ms.
		 */
		private Duration ttl = Duration.ofSeconds(10);

		/**
		 * How often the leader renews its leadership. Must be less than half the ttl.
		 * Defaults to a third of the ttl.
		 */
		private @Nullable Duration renewInterval;

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public @Nullable Duration getRenewInterval() {
			return this.renewInterval;
		}

		public void setRenewInterval(@Nullable Duration renewInterval) {
			this.renewInterval = renewInterval;
		}

	}

}
