package dev.bellwether.redis;

import dev.bellwether.data.Names;

/**
 * The Redis keys and channel of one group, {@code bellwether:{group}:…}.
 *
 * @param group the group's name
 */
record RedisKeys(String group) {

	RedisKeys {
		Names.check("Group", group);
	}

	String store() {
		return key("store");
	}

	String dataset(String name) {
		return key("ds:" + name);
	}

	String cache(String name) {
		return key("cache:" + name);
	}

	String members() {
		return key("members");
	}

	String member(String nodeId) {
		return key("member:" + nodeId);
	}

	String job(String name) {
		return key("job:" + name);
	}

	String leader() {
		return key("leader");
	}

	String epoch() {
		return key("epoch");
	}

	String channel() {
		return key("events");
	}

	private String key(String suffix) {
		return "bellwether:{" + this.group + "}:" + suffix;
	}

}
