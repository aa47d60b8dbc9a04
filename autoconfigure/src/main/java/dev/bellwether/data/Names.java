package dev.bellwether.data;

import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * The names of groups, datasets and jobs: 1 to 200 ASCII letters, digits, {@code .},
 * {@code :}, {@code _} or {@code -}, so they fit in Redis keys and metric tags as they
 * are. Never a brace: in a key it would change the Redis Cluster hash tag.
 */
public final class Names {

	/** What a name may look like. */
	public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

	/** {@link #PATTERN} in words, for messages. */
	public static final String ALLOWED = "1 to 200 letters (A-Z, a-z), digits, '.', ':', '_' or '-'";

	private Names() {
	}

	/**
	 * Checks a name.
	 * @param kind what is named, for the message
	 * @param name the name
	 * @return the name
	 * @throws IllegalArgumentException if the name does not match {@link #PATTERN}
	 */
	public static String check(String kind, String name) {
		Assert.isTrue(name != null && PATTERN.matcher(name).matches(),
				() -> kind + " name '" + name + "' must match " + PATTERN);
		return name;
	}

}
