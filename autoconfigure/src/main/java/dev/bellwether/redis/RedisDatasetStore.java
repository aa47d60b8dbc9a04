package dev.bellwether.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import dev.bellwether.spi.DatasetStore;
import dev.bellwether.spi.LeaderToken;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * A {@link DatasetStore} in Redis: one hash per dataset ({@code rev}, {@code epoch},
 * {@code at}, {@code payload}, {@code encoding}), a store generation id, and a fenced
 * publish script that writes and announces a revision at once.
 */
final class RedisDatasetStore implements DatasetStore {

	private static final RedisScript<List> PUBLISH = Scripts.load("publish", List.class);

	private static final RedisScript<List> STATE = Scripts.load("state", List.class);

	private static final List<ByteBuffer> FIELDS = List.of(Scripts.buffer("rev"), Scripts.buffer("epoch"),
			Scripts.buffer("at"), Scripts.buffer("payload"), Scripts.buffer("v"));

	private final RedisCalls redis;

	private final RedisChannel channel;

	private final RedisKeys keys;

	private final RedisStores.Settings settings;

	private final RedisStores.Timeouts timeouts;

	/** The revisions read last, by dataset; {@code null} before the first read. */
	private volatile @Nullable State lastState;

	/**
	 * Creates a store for one group.
	 * @param redis the calls to run the scripts with
	 * @param channel the group's channel
	 * @param keys the group's keys
	 * @param settings how to store and announce payloads
	 * @param timeouts how long each call may take
	 */
	RedisDatasetStore(RedisCalls redis, RedisChannel channel, RedisKeys keys, RedisStores.Settings settings,
			RedisStores.Timeouts timeouts) {
		this.redis = redis;
		this.channel = channel;
		this.keys = keys;
		this.settings = settings;
		this.timeouts = timeouts;
	}

	@Override
	public @Nullable Entry publish(LeaderToken token, String name, byte[] payload, long minRevision) {
		String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
		Duration ttl = this.settings.ttl();
		List<byte[]> args = List.of(Scripts.bytes(token.toString()), Scripts.bytes(String.valueOf(token.epoch())),
				Scripts.bytes(name), payload, Scripts.bytes(String.valueOf(minRevision)),
				Scripts.bytes(String.valueOf(this.settings.inlinePayloadLimit())),
				Scripts.bytes(String.valueOf((ttl != null) ? ttl.toMillis() : 0)), Scripts.bytes(this.keys.channel()),
				Scripts.bytes(suffix), Scripts.bytes(this.channel.returnAnnouncement()));
		List<?> emitted = this.redis.call("publish", this.timeouts.write(),
				(redis) -> redis
					.execute(PUBLISH, List.of(this.keys.leader(), this.keys.store(), this.keys.dataset(name)), args,
							Scripts.BYTE_ARGS, Scripts.stringReplies())
					.collectList());
		List<?> reply = (emitted != null) ? RedisCalls.reply(emitted) : null;
		if (reply == null || reply.isEmpty() || ((Number) reply.get(0)).longValue() != 1) {
			return null;
		}
		if (reply.size() > 4) {
			this.channel.announce((String) reply.get(4));
		}
		return new Entry(name, (String) reply.get(1), ((Number) reply.get(2)).longValue(), token.epoch(),
				((Number) reply.get(3)).longValue(), payload);
	}

	@Override
	public @Nullable Entry read(String name) {
		Entry entry = this.redis.call("fetch", this.timeouts.read(), (redis) -> redis
			.execute((connection) -> connection.hashCommands().hMGet(Scripts.buffer(this.keys.dataset(name)), FIELDS))
			.next()
			.zipWith(redis.opsForValue().get(this.keys.store()))
			.mapNotNull((read) -> entry(name, read.getT2(), read.getT1())));
		return entry;
	}

	@Override
	public State state(List<String> names) {
		return state(names, "reconcile", this.timeouts.read(), true);
	}

	private State state(List<String> names, String operation, Duration bound, boolean timeoutIsFailure) {
		List<String> keys = new ArrayList<>();
		keys.add(this.keys.store());
		names.forEach((name) -> keys.add(this.keys.dataset(name)));
		List<?> emitted = this.redis.call(operation, bound,
				(redis) -> redis.execute(STATE, keys, List.of()).collectList(), timeoutIsFailure);
		List<?> reply = RedisCalls.reply((emitted != null) ? emitted : List.of());
		Map<String, Long> revisions = new LinkedHashMap<>();
		for (int i = 0; i < names.size(); i++) {
			revisions.put(names.get(i), ((Number) reply.get(i + 1)).longValue());
		}
		String store = (String) reply.get(0);
		State state = new State(store.isEmpty() ? null : store, revisions);
		remember(state);
		return state;
	}

	/**
	 * Answers from the outcome of the last call of these stores and the revisions read
	 * last. When no call has ended within the inspection bound, or a dataset's revision
	 * was never read, it first probes: it reads the revisions within the probe bound,
	 * unless another probe is running. A probe that runs out of its short bound is not
	 * taken for Redis being down: the store's own calls, bounded by their purpose, say
	 * so.
	 */
	@Override
	public Observation observed(List<String> names) {
		State known = this.lastState;
		if (known == null || !known.revisions().keySet().containsAll(names)
				|| this.redis.idle(this.timeouts.inspect())) {
			this.redis.probe(() -> state(names, "probe", this.timeouts.probe(), false));
		}
		boolean answered = this.redis.answered();
		State last = this.lastState;
		if (last == null) {
			return new Observation(answered, null);
		}
		Map<String, Long> revisions = new LinkedHashMap<>();
		names.forEach((name) -> {
			Long revision = last.revisions().get(name);
			if (revision != null) {
				revisions.put(name, revision);
			}
		});
		return new Observation(answered, new State(last.store(), revisions));
	}

	private synchronized void remember(State state) {
		State last = this.lastState;
		Map<String, Long> revisions = new LinkedHashMap<>();
		if (last != null && Objects.equals(last.store(), state.store())) {
			revisions.putAll(last.revisions());
		}
		revisions.putAll(state.revisions());
		this.lastState = new State(state.store(), Map.copyOf(revisions));
	}

	@Override
	public void subscribe(Listener listener) {
		this.channel.subscribe(listener);
	}

	private static @Nullable Entry entry(String name, String store, List<ByteBuffer> values) {
		if (values.size() < FIELDS.size() || values.get(0) == null || values.get(3) == null) {
			return null;
		}
		long version = (values.get(4) != null) ? number(values.get(4)) : 1;
		if (!RedisFormat.readable(version)) {
			RedisFormat.skipped("the record of dataset '" + name + "'", version);
			return null;
		}
		return new Entry(name, store, number(values.get(0)), number(values.get(1)), number(values.get(2)),
				Scripts.bytes(values.get(3)));
	}

	private static long number(@Nullable ByteBuffer value) {
		return (value != null) ? Long.parseLong(StandardCharsets.US_ASCII.decode(value.duplicate()).toString()) : 0;
	}

}
