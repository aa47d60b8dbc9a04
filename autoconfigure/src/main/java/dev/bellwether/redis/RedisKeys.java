package dev.bellwether.redis;

import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * The Redis keys and channel of one group, {@code bellwether:{group}:…}.
 *
 * @param group the group's name
 */
public record RedisKeys(String group) {

	/** What group, dataset and job names may look like. */
	public static final Pattern NAME = Pattern.compile("[A-Za-z0-9:_-]{1,200}");

	public RedisKeys {
		Assert.isTrue(group != null && NAME.matcher(group).matches(),
				() -> "'group' must match " + NAME + " but was '" + group + "'");
	}

	String leader() {
		return key("leader");
	}

	String epoch() {
		return key("epoch");
	}

	/**
	 * The group's pub/sub channel.
	 * @return the channel name
	 */
	public String channel() {
		return key("events");
	}

	private String key(String suffix) {
		return "bellwether:{" + this.group + "}:" + suffix;
	}

}
