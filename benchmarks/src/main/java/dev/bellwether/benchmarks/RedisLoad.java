package dev.bellwether.benchmarks;

import dev.bellwether.test.RedisServer;

/**
 * Commands Redis has executed, from {@code INFO commandstats}.
 */
final class RedisLoad {

	private RedisLoad() {
	}

	static long commands(RedisServer redis) {
		long total = 0;
		for (String line : redis.commands().info("commandstats").split("\r?\n")) {
			int calls = line.indexOf("calls=");
			if (line.startsWith("cmdstat_") && calls > 0) {
				total += Long.parseLong(line.substring(calls + 6, line.indexOf(',', calls)));
			}
		}
		return total - 1;
	}

	/**
	 * Commands per second per instance over a window, the window's own INFO calls
	 * excluded.
	 */
	static double perInstancePerSecond(RedisServer redis, int instances, long windowMillis) {
		long before = commands(redis);
		Fleet.pause(windowMillis);
		long after = commands(redis);
		return (after - before - 1) / (windowMillis / 1000.0) / instances;
	}

}
