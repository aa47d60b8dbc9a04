package dev.bellwether.test;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TlsRedisServerTests {

	private static final String PASSWORD = "tls-secret";

	private final TlsCertificates certificates = TlsCertificates.generate();

	private final RedisClient client = RedisClient.create();

	private @Nullable RedisServer redis;

	@BeforeEach
	void startTlsServer() {
		assumeTrue(RedisExecutable.supportsTls(), () -> RedisExecutable.describe()
				+ " was built without TLS: install one that has it, e.g. apt-get install redis-server");
		this.redis = RedisServer.start(RedisServerOptions.defaults().withTls(this.certificates).withPassword(PASSWORD));
	}

	@AfterEach
	void close() {
		this.client.shutdown();
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void clientThatTrustsTheCaAndKnowsThePasswordReadsAndWrites() {
		try (StatefulRedisConnection<String, String> connection = connect(PASSWORD)) {
			RedisCommands<String, String> commands = connection.sync();
			assertThat(commands.ping()).isEqualTo("PONG");
			commands.set("bellwether:tls", "on");
			assertThat(commands.get("bellwether:tls")).isEqualTo("on");
		}
	}

	@Test
	void wrongPasswordIsRefused() {
		assertThatExceptionOfType(RedisConnectionException.class).isThrownBy(() -> connect("wrong").close())
			.withStackTraceContaining("WRONGPASS");
	}

	@Test
	void serverListensOnTlsOnly() {
		assertThat(redis().uri()).startsWith("rediss://");
		assertThat(redis().commands().configGet("port")).containsEntry("port", "0");
	}

	private RedisServer redis() {
		assertThat(this.redis).isNotNull();
		return this.redis;
	}

	private StatefulRedisConnection<String, String> connect(String password) {
		SslOptions ssl = SslOptions.builder()
			.jdkSslProvider()
			.trustManager(this.certificates.caCertificate().toFile())
			.build();
		this.client.setOptions(ClientOptions.builder().sslOptions(ssl).build());
		RedisURI uri = RedisURI.builder()
			.withHost("127.0.0.1")
			.withPort(redis().port())
			.withSsl(true)
			.withAuthentication("default", password)
			.build();
		return this.client.connect(uri);
	}

}
