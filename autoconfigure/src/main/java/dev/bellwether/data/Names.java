package dev.bellwether.data;

import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * The names of groups, datasets and jobs: 1 to 200 letters, digits, {@code :}, {@code _}
 * or {@code -}, so they fit in Redis keys and metric tags as they are.
 */
public final class Names {

	/** What a name may look like. */
	public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9:_-]{1,200}");

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
