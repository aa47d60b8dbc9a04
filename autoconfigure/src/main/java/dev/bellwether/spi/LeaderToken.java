package dev.bellwether.spi;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One leadership: the node that holds it and the epoch it was granted with, written
 * {@code nodeId#epoch}. Every write a leader makes is checked against its token.
 *
 * @param nodeId the leader's node id
 * @param epoch the fencing epoch of this leadership
 */
public record LeaderToken(String nodeId, long epoch) {

	private static final Pattern FORMAT = Pattern.compile("(.+)#(\\d{1,18})");

	public LeaderToken {
		Assert.hasText(nodeId, "'nodeId' must not be empty");
		Assert.isTrue(epoch > 0, "'epoch' must be positive");
	}

	/**
	 * Reads a token written by {@link #toString()}.
	 * @param text the text, may be {@code null}
	 * @return the token, or {@code null} when the text is not a token
	 */
	public static @Nullable LeaderToken parse(@Nullable String text) {
		if (text == null) {
			return null;
		}
		var matcher = FORMAT.matcher(text);
		return matcher.matches() ? new LeaderToken(matcher.group(1), Long.parseLong(matcher.group(2))) : null;
	}

	@Override
	public String toString() {
		return this.nodeId + "#" + this.epoch;
	}

}
