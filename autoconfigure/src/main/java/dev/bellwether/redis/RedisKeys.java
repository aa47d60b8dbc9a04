package dev.bellwether.redis;

import java.util.List;

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

	/** The group's revision of its on-demand caches. */
	String loadRevision() {
		return key("load:rev");
	}

	/**
	 * The revision of an on-demand cache's last clear. A cache's name never holds a
	 * {@code /}, so the keys of one cache never run into another's.
	 */
	String loadCleared(String cache) {
		return key("load/" + cache + "/cleared");
	}

	String loadEntry(String cache, String key) {
		return key("load/" + cache + "/e/" + key);
	}

	String loadClaim(String cache, String key) {
		return key("load/" + cache + "/c/" + key);
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

	/** Keys of the start-up ACL probe: a string, a hash and a sorted set. */
	List<String> probe() {
		return List.of(key("probe:string"), key("probe:hash"), key("probe:zset"));
	}

	/** The channel of the start-up ACL probe, which nobody listens to. */
	String probeChannel() {
		return key("probe:channel");
	}

	String channel() {
		return key("events");
	}

	private String key(String suffix) {
		return "bellwether:{" + this.group + "}:" + suffix;
	}

}
