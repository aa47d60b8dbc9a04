package dev.bellwether.chaos;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.bellwether.test.RedisServer;
import io.lettuce.core.ScriptOutputType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ScriptMonitor} against a real redis-server: it names the node that ran a
 * script's {@code PUBLISH}, with the message's first line as subscribers get it, and
 * monitors a restarted node again.
 */
class ScriptMonitorTests {

	private static final String CHANNEL = "bellwether:{hedging}:events";

	private static final String PUBLISH = "redis.call('set', KEYS[1], 'x') "
			+ "return redis.call('PUBLISH', KEYS[2], ARGV[1])";

	/** A first line with characters that {@code MONITOR} escapes. */
	private static final String HEADER = "{\"type\":\"elected\",\"leader\":\"n\\\\ode-\u00e9\\\"#1\"}\t";

	private final Map<String, Integer> ran = new ConcurrentHashMap<>();

	@Test
	void namesTheNodeThatRanAScriptsPublishAndMonitorsItAgainAfterARestart() {
		try (RedisServer server = RedisServer.start();
				ScriptMonitor monitor = new ScriptMonitor(List.of(server.port()), CHANNEL, this.ran::put)) {
			awaitSeen(server, HEADER, HEADER + "\n{\"payload\":true}");
			assertThat(this.ran).containsExactly(Map.entry(HEADER, server.port()));
			server.restart();
			awaitSeen(server, "{\"type\":\"released\"}", "{\"type\":\"released\"}");
		}
	}

	/** Publishes until the monitor, which connects on its own time, has seen it. */
	private void awaitSeen(RedisServer server, String header, String message) {
		await().ignoreExceptions().until(() -> {
			server.commands()
				.eval(PUBLISH, ScriptOutputType.INTEGER, new String[] { "bellwether:{hedging}:leader", CHANNEL },
						message);
			return this.ran.containsKey(header);
		});
	}

}
