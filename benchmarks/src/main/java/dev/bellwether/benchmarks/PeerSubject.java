package dev.bellwether.benchmarks;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.redisson.Redisson;
import org.redisson.api.RLocalCachedMap;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.LocalCacheUpdateListener;
import org.redisson.api.options.LocalCachedMapOptions;
import org.redisson.client.codec.BaseCodec;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.Decoder;
import org.redisson.client.protocol.Encoder;
import org.redisson.config.Config;
import tools.jackson.databind.json.JsonMapper;

/**
 * The peer: Redisson's {@link RLocalCachedMap} with {@code SyncStrategy.UPDATE}, one
 * Redisson client per instance. Instance 0 puts; a receiver records when its local cache
 * holds the new value (Redisson's {@link LocalCacheUpdateListener}, called right after
 * the entry is put into the local cache). Values go through the same Jackson into the
 * same type as the other systems.
 */
final class PeerSubject implements SyncSubject {

	static final String MAP = "bench-peer";

	static final String KEY = "value";

	private final EventLoopGroup group;

	private final ExecutorService executor;

	private final List<RedissonClient> clients = new ArrayList<>();

	private final RLocalCachedMap<String, SyncPayload> published;

	private final int receivers;

	/**
	 * Starts {@code instances} Redisson clients in this JVM, which share their event
	 * loops and executor as the other systems' in-process instances share Lettuce's;
	 * every one but the first records.
	 */
	@SuppressWarnings("deprecation")
	PeerSubject(String address, int instances, Arrivals arrivals) {
		int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
		this.group = new NioEventLoopGroup(threads);
		this.executor = Executors.newFixedThreadPool(threads);
		for (int i = 0; i < instances; i++) {
			Config config = config(address);
			config.setEventLoopGroup(this.group);
			config.setExecutor(this.executor);
			this.clients.add(Redisson.create(config));
		}
		this.published = map(this.clients.get(0));
		for (int i = 1; i < instances; i++) {
			listen(map(this.clients.get(i)), arrivals);
		}
		this.receivers = instances - 1;
	}

	/** A client with small pools (one instance of a fleet needs few connections). */
	static Config config(String address) {
		Config config = new Config();
		config.useSingleServer()
			.setAddress(address)
			.setConnectionMinimumIdleSize(1)
			.setConnectionPoolSize(4)
			.setSubscriptionConnectionMinimumIdleSize(1)
			.setSubscriptionConnectionPoolSize(1);
		return config;
	}

	static RLocalCachedMap<String, SyncPayload> map(RedissonClient client) {
		return client.getLocalCachedMap(LocalCachedMapOptions.<String, SyncPayload>name(MAP)
			.codec(new JacksonCodec())
			.syncStrategy(LocalCachedMapOptions.SyncStrategy.UPDATE)
			.cacheSize(16));
	}

	/**
	 * Records the first notification of each value: Redisson calls an update listener
	 * twice per received update (once from {@code cachePut}, right after the local cache
	 * holds the value, then again after it), the first is the one that counts.
	 */
	static void listen(RLocalCachedMap<String, SyncPayload> map, Arrivals arrivals) {
		AtomicLong last = new AtomicLong();
		map.addListener((LocalCacheUpdateListener<String, SyncPayload>) (key, value) -> {
			if (value.seq() > last.getAndAccumulate(value.seq(), Math::max)) {
				arrivals.record(value.seq(), SyncPayload.nowMicros() - value.sentMicros());
			}
		});
	}

	@Override
	public String system() {
		return "Peer: Redisson RLocalCachedMap";
	}

	@Override
	public void publish(SyncPayload payload) {
		this.published.fastPut(KEY, payload);
	}

	@Override
	public int receivers() {
		return this.receivers;
	}

	@Override
	public void close() {
		this.clients.forEach(RedissonClient::shutdown);
		this.executor.shutdownNow();
		this.group.shutdownGracefully();
	}

	/** Jackson 3 into {@link SyncPayload} for values, strings for keys. */
	public static final class JacksonCodec extends BaseCodec {

		private final JsonMapper json = JsonMapper.builder().build();

		private final Encoder encoder = (in) -> {
			ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
			out.writeBytes(this.json.writeValueAsBytes(in));
			return out;
		};

		private final Decoder<Object> decoder = (buf, state) -> this.json
			.readValue((InputStream) new ByteBufInputStream(buf), SyncPayload.class);

		public JacksonCodec() {
		}

		public JacksonCodec(ClassLoader classLoader, JacksonCodec codec) {
		}

		@Override
		public Decoder<Object> getValueDecoder() {
			return this.decoder;
		}

		@Override
		public Encoder getValueEncoder() {
			return this.encoder;
		}

		@Override
		public Decoder<Object> getMapKeyDecoder() {
			return StringCodec.INSTANCE.getValueDecoder();
		}

		@Override
		public Encoder getMapKeyEncoder() {
			return StringCodec.INSTANCE.getValueEncoder();
		}

	}

}
