package dev.bellwether.redis;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.util.Assert;

/**
 * What a least-privilege Redis ACL user needs to run Bellwether: its keys and channel
 * ({@code bellwether:*}) and exactly the commands below. Redis applies the user's ACL to
 * the commands a Lua script runs, so the scripts' commands are granted too. The docs'
 * {@code ACL SETUSER} line is {@link #setUser(String, String)}.
 */
final class RedisAcl {

	/** The pattern of the keys and channels of every group. */
	static final String PATTERN = "bellwether:*";

	/**
	 * The commands Bellwether's connections send: scripts by SHA ({@code evalsha}) and by
	 * source when Redis does not hold them yet ({@code eval}), the reads that need no
	 * script, and the listener container's subscription to the group's channel (Spring
	 * Data Redis sends a {@code ping} when it closes a subscription).
	 */
	static final List<String> CLIENT_COMMANDS = List.of("evalsha", "eval", "get", "mget", "hget", "hmget", "zrange",
			"subscribe", "unsubscribe", "ping");

	/**
	 * The commands the Lua scripts run with {@code redis.call}.
	 */
	static final List<String> SCRIPT_COMMANDS = List.of("get", "set", "del", "pttl", "pexpire", "persist", "time",
			"publish", "hget", "hset", "hdel", "hincrby", "hmget", "zadd", "zremrangebyscore");

	/**
	 * Every command Bellwether needs, in alphabetical order, each once.
	 */
	static final List<String> COMMANDS = List
		.copyOf(new TreeSet<>(Stream.concat(CLIENT_COMMANDS.stream(), SCRIPT_COMMANDS.stream()).toList()));

	private RedisAcl() {
	}

	/**
	 * The rules after the user name: on, with the password, the keys and channels of
	 * every group, and only the commands Bellwether needs.
	 * @param password the user's password
	 * @return the rules, such as
	 * {@code on >secret ~bellwether:* resetchannels &bellwether:* -@all +del +eval …}
	 */
	static String rules(String password) {
		Assert.hasText(password, "'password' must not be empty");
		return "on >" + password + " ~" + PATTERN + " resetchannels &" + PATTERN + " -@all " + grants();
	}

	/**
	 * The {@code ACL SETUSER} command that creates (or updates) a user with the least
	 * privileges Bellwether needs.
	 * @param user the user's name, as {@code spring.data.redis.username}
	 * @param password the user's password, as {@code spring.data.redis.password}
	 * @return the command
	 */
	static String setUser(String user, String password) {
		Assert.hasText(user, "'user' must not be empty");
		return "ACL SETUSER " + user + " " + rules(password);
	}

	/**
	 * The grants of every command Bellwether needs.
	 * @return {@code +del +eval …}
	 */
	static String grants() {
		return COMMANDS.stream().map((command) -> "+" + command).collect(Collectors.joining(" "));
	}

}
