package dev.bellwether.data;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The names of groups, datasets and jobs: 1 to 200 ASCII letters, digits, {@code .},
 * {@code :}, {@code _} or {@code -}, so they fit in Redis keys and metric tags as they
 * are. Never a brace: in a key it would change the Redis Cluster hash tag.
 */
public final class Names {

	/** What a name may look like. */
	public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

	private static final Pattern DISALLOWED = Pattern.compile("[^A-Za-z0-9._:-]+");

	/** {@link #PATTERN} in words, for messages. */
	public static final String ALLOWED = "1 to 200 letters (A-Z, a-z), digits, '.', ':', '_' or '-'";

	private Names() {
	}

	/**
	 * Checks a name.
	 * @param kind what is named, for the message
	 * @param name the name
	 * @return the name
	 * @throws InvalidNameException if the name does not match {@link #PATTERN}
	 */
	public static String check(String kind, String name) {
		return check(kind, name, null);
	}

	/**
	 * Checks a name declared at a known place.
	 * @param kind what is named, for the message
	 * @param name the name
	 * @param where where the name was declared, for the message, or {@code null}
	 * @return the name
	 * @throws InvalidNameException if the name does not match {@link #PATTERN}
	 */
	public static String check(String kind, String name, @Nullable String where) {
		if (name == null || !PATTERN.matcher(name).matches()) {
			throw new InvalidNameException(kind, name, where);
		}
		return name;
	}

	/**
	 * A name that {@link #PATTERN} accepts, made from any text: every run of other
	 * characters becomes one {@code -}, leading and trailing ones are dropped, and the
	 * result is cut to 200 characters.
	 * @param text any text
	 * @return the name, empty if nothing of the text is left
	 */
	public static String derive(String text) {
		String name = DISALLOWED.matcher(text).replaceAll("-").replaceAll("^-+|-+$", "");
		return (name.length() > 200) ? name.substring(0, 200) : name;
	}

}
