package dev.bellwether.test;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TcpProxyTests {

	private final RedisServer redis = RedisServer.start();

	private final TcpProxy proxy = TcpProxy.start(this.redis.port());

	private final RedisClient client = RedisClient.create();

	private final StatefulRedisConnection<String, String> connection = this.client
		.connect(RedisURI.create("redis://127.0.0.1:" + this.proxy.port()));

	private final RedisCommands<String, String> commands = this.connection.sync();

	@AfterEach
	void close() {
		this.connection.close();
		this.client.shutdown();
		this.proxy.close();
		this.redis.close();
	}

	@Test
	void passesTrafficThrough() {
		this.commands.set("k", "v");
		assertThat(this.redis.commands().get("k")).isEqualTo("v");
	}

	@Test
	void blackholeHoldsCommandsBackAndHealDeliversThem() {
		this.proxy.blackhole();
		this.commands.setTimeout(Duration.ofMillis(300));
		assertThatExceptionOfType(RedisCommandTimeoutException.class).isThrownBy(() -> this.commands.set("k", "late"));
		assertThat(this.redis.commands().get("k")).isNull();
		this.proxy.heal();
		this.commands.setTimeout(Duration.ofSeconds(5));
		assertThat(this.commands.get("k")).isEqualTo("late");
	}

	@Test
	void cutDropsConnectionsUntilHealed() {
		this.commands.setTimeout(Duration.ofMillis(500));
		this.proxy.cut();
		assertThatException().isThrownBy(() -> this.commands.set("k", "v"));
		this.proxy.heal();
		this.commands.setTimeout(Duration.ofSeconds(5));
		org.awaitility.Awaitility.await().ignoreExceptions().untilAsserted(() -> this.commands.set("k", "v"));
		assertThat(this.redis.commands().get("k")).isEqualTo("v");
	}

	@Test
	void delayHoldsEveryChunk() {
		this.proxy.delay(Duration.ofMillis(300));
		long start = System.nanoTime();
		this.commands.ping();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
	}

	@Test
	void retargetMovesTheClientToTheNewServer() {
		this.commands.set("k", "first");
		try (RedisServer other = RedisServer.start()) {
			this.proxy.retarget(other.port());
			assertThat(this.proxy.targetPort()).isEqualTo(other.port());
			org.awaitility.Awaitility.await().ignoreExceptions().untilAsserted(() -> this.commands.set("k", "second"));
			assertThat(other.commands().get("k")).isEqualTo("second");
			assertThat(this.redis.commands().get("k")).isEqualTo("first");
		}
	}

}
