package dev.bellwether.test;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.util.Assert;

/**
 * A least-privilege ACL user: on, with a password, allowed only keys and pub/sub channels
 * that match a pattern and only the commands it is granted.
 *
 * @param name the user name
 * @param password the password
 * @param keyPattern the keys it may touch, such as {@code bellwether:*}
 * @param channelPattern the channels it may publish and subscribe to
 * @param commands the commands it may run, such as {@code set} or {@code client|setname}
 */
public record AclUser(String name, String password, String keyPattern, String channelPattern, List<String> commands) {

	public AclUser {
		for (String word : List.of(name, password, keyPattern, channelPattern)) {
			Assert.isTrue(!word.isEmpty() && word.chars().noneMatch(Character::isWhitespace),
					"'" + word + "' must be a single word");
		}
		commands = List.copyOf(commands);
	}

	/**
	 * The user {@code bellwether}, allowed keys {@code bellwether:*}, channels
	 * {@code bellwether:*} and the given commands.
	 * @param password the password
	 * @param commands the commands
	 * @return the user
	 */
	public static AclUser bellwether(String password, List<String> commands) {
		return new AclUser("bellwether", password, "bellwether:*", "bellwether:*", commands);
	}

	/**
	 * The rules, as {@code ACL SETUSER} takes them after the user name.
	 * @return the rules
	 */
	public String rules() {
		return "reset on >" + this.password + " ~" + this.keyPattern + " resetchannels &" + this.channelPattern
				+ " -@all" + this.commands.stream().map((command) -> " +" + command).collect(Collectors.joining());
	}

	/**
	 * The {@code user} line of a configuration file.
	 * @return the line
	 */
	String configurationLine() {
		return "user " + this.name + " " + rules();
	}

}
