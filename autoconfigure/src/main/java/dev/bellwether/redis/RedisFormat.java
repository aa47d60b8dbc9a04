package dev.bellwether.redis;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The format of what Bellwether writes to Redis: every announcement carries it as
 * {@code v}, every hash record as its field {@code v}, every member record as its JSON
 * field {@code v} (the scripts' {@code FORMAT}, in {@code lib/prelude.lua}). A release
 * that changes the format raises it. An instance drops what it finds of a newer format,
 * counting a message as malformed and reading a record as absent, so that it keeps the
 * data it holds until it is upgraded. Anything without {@code v} is of the first format.
 */
final class RedisFormat {

	/** The format this version writes and reads. */
	static final int VERSION = 1;

	private static final Log logger = LogFactory.getLog(RedisFormat.class);

	private RedisFormat() {
	}

	/**
	 * Whether something of the given format can be read here.
	 * @param version its {@code v} (1 when it has none)
	 * @return whether its format is this one or an older one
	 */
	static boolean readable(long version) {
		return version <= VERSION;
	}

	/**
	 * Why something of a newer format was dropped.
	 * @param what what it was, such as "a message"
	 * @param version its format
	 * @return the reason
	 */
	static String newer(String what, long version) {
		return what + " of format " + version + ", newer than this instance reads (" + VERSION
				+ "): it was written by a newer Bellwether; upgrade this instance";
	}

	/**
	 * Logs, as a warning, that a record of a newer format was read as absent.
	 * @param what what the record was
	 * @param version its format
	 */
	static void skipped(String what, long version) {
		logger.warn("Skipped " + newer(what, version));
	}

}
