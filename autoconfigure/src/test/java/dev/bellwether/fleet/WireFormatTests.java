package dev.bellwether.fleet;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bellwether.data.FleetCache;
import dev.bellwether.data.FleetCaches;
import dev.bellwether.schedule.Jobs;
import dev.bellwether.spi.LoadStore;
import dev.bellwether.spi.Stores;
import dev.bellwether.test.RedisServer;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pins what Bellwether writes to Redis, as instances of other versions read it: the keys
 * of a group, the type and fields of each, and the shape (fields and their JSON types) of
 * every kind of announcement on the group's channel, after a fleet has elected a leader,
 * run and published a job, written and removed a cache entry, loaded, evicted and claimed
 * keys of an on-demand cache and cleared another, paused, resumed and requested a run,
 * and handed over. Compared with {@code wire-format.txt} beside this class: a change to
 * the format must change that file too, deliberately. Run with
 * {@code -Dbellwether.wire-format.update=true} to rewrite it.
 */
class WireFormatTests {

	private static final ParameterizedTypeReference<Map<String, BigDecimal>> RATES = new ParameterizedTypeReference<>() {
	};

	private static final String CHANNEL = "bellwether:{fleet}:events";

	private static final Path GOLDEN = Path.of("src/test/resources/dev/bellwether/fleet/wire-format.txt");

	private final RedisServer redis = RedisServer.start();

	private final Upstream upstream = new Upstream();

	private final Fleet fleet = new Fleet(this.redis, Upstream.RatesJob.class).share("upstream", this.upstream)
		.with("test.rate=1h");

	private final RedisClient client = RedisClient.create();

	@AfterEach
	void close() {
		this.fleet.close();
		this.client.shutdown();
		this.redis.close();
	}

	@Test
	void keysFieldsAndAnnouncementsAreAsPinned() throws IOException {
		ConcurrentLinkedQueue<String> messages = new ConcurrentLinkedQueue<>();
		StatefulRedisPubSubConnection<String, String> subscription = this.client.connectPubSub(this.redis.redisUri());
		subscription.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String channel, String message) {
				messages.add(message);
			}
		});
		subscription.sync().subscribe(CHANNEL);
		this.fleet.start(2);
		FleetNode leader = this.fleet.awaitLeader();
		FleetNode follower = this.fleet.followersOf(leader).get(0);
		await().until(() -> follower.datasets().get("rates", RATES).current().isPresent());
		FleetCache<String, String> quotes = leader.bean(FleetCaches.class)
			.get("quotes", String.class, String.class, 10);
		assertThat(quotes.put("EURUSD", "1.08")).isTrue();
		assertThat(quotes.remove("EURUSD")).isTrue();
		LoadStore loads = follower.bean(Stores.class).loads();
		Duration lives = Duration.ofMinutes(5);
		LoadStore.Claim claim = ((LoadStore.Claimed) loads.lookup("terms", "C1", follower.nodeId(), lives)).claim();
		assertThat(loads.complete(claim, "{\"days\":30}".getBytes(StandardCharsets.UTF_8), lives)).isPositive();
		loads.evict("terms", "C2", lives);
		loads.clear("limits");
		assertThat(loads.lookup("terms", "C3", follower.nodeId(), lives)).isInstanceOf(LoadStore.Claimed.class);
		Jobs jobs = follower.bean(Jobs.class);
		jobs.pause("rates");
		jobs.resume("rates");
		jobs.runNow("rates");
		await().until(() -> this.upstream.callCount() == 2);
		leader.leadership().stepDown();
		await().until(follower.leadership()::isLeader);
		String actual = describe(keys(List.of(leader.nodeId(), follower.nodeId())), shapes(messages));
		Path written = Path.of("target", "wire-format.txt");
		Files.writeString(written, actual);
		if (Boolean.getBoolean("bellwether.wire-format.update")) {
			Files.writeString(GOLDEN, actual);
		}
		assertThat(actual).as("the wire format, as written to %s; compare it with %s", written, GOLDEN)
			.isEqualTo(Files.readString(GOLDEN));
		subscription.close();
	}

	/**
	 * Every key of the group, its type and, for a hash, its fields; for a string that
	 * holds a JSON object, that object's shape.
	 */
	private Set<String> keys(List<String> nodeIds) {
		Set<String> keys = new TreeSet<>();
		for (String key : this.redis.commands().keys("bellwether:*")) {
			String type = this.redis.commands().type(key);
			String fields = "";
			if (type.equals("hash")) {
				fields = " "
						+ new TreeSet<>(this.redis.commands().hkeys(key).stream().map((f) -> "'" + f + "'").toList());
			}
			else if (type.equals("string") && this.redis.commands().get(key).startsWith("{")) {
				fields = " json " + shape(JsonMapper.shared().readTree(this.redis.commands().get(key)));
			}
			keys.add(anonymous(key, nodeIds) + " " + type + fields);
		}
		return keys;
	}

	/** Every kind of announcement, by its type and its header's shape. */
	private static Set<String> shapes(Iterable<String> messages) {
		Set<String> shapes = new TreeSet<>();
		for (String message : messages) {
			int newline = message.indexOf('\n');
			JsonNode header = JsonMapper.shared().readTree((newline >= 0) ? message.substring(0, newline) : message);
			shapes.add(header.path("type").asString() + " " + shape(header) + ((newline >= 0) ? " + payload" : ""));
		}
		return shapes;
	}

	/** A JSON object's fields and their JSON types. */
	private static Set<String> shape(JsonNode object) {
		Set<String> fields = new TreeSet<>();
		object.properties()
			.forEach((field) -> fields.add(field.getKey() + ":" + field.getValue().getNodeType().name().toLowerCase()));
		return fields;
	}

	private static String anonymous(String key, List<String> nodeIds) {
		String anonymous = key;
		for (String nodeId : nodeIds) {
			anonymous = anonymous.replace(nodeId, "<node>");
		}
		return anonymous;
	}

	private static String describe(Set<String> keys, Set<String> shapes) {
		StringBuilder out = new StringBuilder("# Redis keys of the group 'fleet': type, and fields of a hash\n");
		keys.forEach((key) -> out.append(key).append('\n'));
		out.append("# Announcements on ").append(CHANNEL).append(": type, header fields and their JSON types\n");
		shapes.forEach((shape) -> out.append(shape).append('\n'));
		return out.toString();
	}

}
