package dev.bellwether.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Turns Redis' refusals ({@code WRONGPASS}, {@code NOAUTH}, {@code NOPERM}, and an ACL
 * refusal inside a script) into a {@link RedisAccessDeniedException} whose message names
 * the property to set or the ACL rule to add. A command refused inside one of
 * Bellwether's scripts is named from the script's line, as Redis 7.0 names only the
 * script and the line.
 */
final class RedisErrors {

	private static final String USER = "the ACL user of spring.data.redis.username";

	private static final Pattern COMMAND = Pattern.compile("no permissions to run the '([^']+)' command");

	/** Where in a script Redis refused a command: Redis 7's words, then Redis 6's. */
	private static final Pattern SCRIPT_LINE = Pattern
		.compile("(?:script: |call to f_)([0-9a-f]{40})(?:, on |\\): )@user_script:(\\d+)");

	private static final Pattern CALL = Pattern.compile("redis\\.call\\('([A-Za-z]+)'");

	/** The lines of each of Bellwether's scripts, by SHA1. */
	private static final Map<String, List<String>> SCRIPTS = scripts();

	private RedisErrors() {
	}

	/**
	 * The failure with a message that says what to change, when Redis refused access;
	 * otherwise the failure as it is.
	 * @param ex the failure
	 * @return the failure to throw
	 */
	static RuntimeException explain(RuntimeException ex) {
		if (ex instanceof RedisAccessDeniedException) {
			return ex;
		}
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			String said = cause.getMessage();
			if (said != null && fix(said) != null) {
				return new RedisAccessDeniedException(fix(said) + " (Redis said: " + said.strip() + ")", ex);
			}
		}
		return ex;
	}

	/**
	 * What to change when Redis answered with the given error: the property to set or the
	 * ACL rule to add.
	 * @param said the error, such as {@code WRONGPASS invalid username-password pair}
	 * @return the change, or {@code null} if the error is no refusal
	 */
	static @Nullable String fix(String said) {
		if (said.contains("WRONGPASS")) {
			return "Redis refused the username or password: check spring.data.redis.username and "
					+ "spring.data.redis.password (or the credentials in spring.data.redis.url)";
		}
		if (said.contains("NOAUTH")) {
			return "Redis requires a password: set spring.data.redis.password "
					+ "(and spring.data.redis.username for an ACL user)";
		}
		Matcher command = COMMAND.matcher(said);
		if (command.find()) {
			return refused(command.group(1).toLowerCase());
		}
		boolean inScript = said.contains("The user executing the script");
		if (!said.contains("NOPERM") && !inScript) {
			return null;
		}
		if (said.contains("channel")) {
			return "Redis refused the group's channel to " + USER + ": add the rule &" + RedisAcl.PATTERN + " to it";
		}
		if (said.contains("key")) {
			return "Redis refused a key of the group to " + USER + ": add the rule ~" + RedisAcl.PATTERN + " to it";
		}
		String scripted = scriptedCommand(said);
		if (scripted != null) {
			return refused(scripted);
		}
		return "Redis refused a command to " + USER + ": grant it every command Bellwether needs: " + RedisAcl.grants();
	}

	private static String refused(String command) {
		return "Redis refused the command '" + command + "' to " + USER + ": add the rule +" + command
				+ " to it (ACL SETUSER <user> +" + command + "); Bellwether needs " + RedisAcl.grants();
	}

	/** The command on the line of one of Bellwether's scripts that Redis named. */
	private static @Nullable String scriptedCommand(String said) {
		Matcher at = SCRIPT_LINE.matcher(said);
		if (!at.find()) {
			return null;
		}
		List<String> lines = SCRIPTS.get(at.group(1));
		int line = Integer.parseInt(at.group(2));
		if (lines == null || line < 1 || line > lines.size()) {
			return null;
		}
		Matcher call = CALL.matcher(lines.get(line - 1));
		return call.find() ? call.group(1).toLowerCase() : null;
	}

	private static Map<String, List<String>> scripts() {
		Map<String, List<String>> scripts = new HashMap<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:dev/bellwether/redis/*.lua")) {
				String name = resource.getFilename();
				if (name != null) {
					String source = Scripts.source(name.substring(0, name.length() - ".lua".length()));
					scripts.put(RedisScript.of(source).getSha1(), source.lines().toList());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Map.copyOf(scripts);
	}

}
