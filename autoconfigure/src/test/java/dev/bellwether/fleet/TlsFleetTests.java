package dev.bellwether.fleet;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

import dev.bellwether.test.RedisExecutable;
import dev.bellwether.test.RedisServer;
import dev.bellwether.test.RedisServerOptions;
import dev.bellwether.test.TlsCertificates;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A fleet against a redis-server that serves TLS only and requires a password, reached
 * the way an application configures it: a Spring Boot SSL bundle that trusts the server's
 * CA, {@code spring.data.redis.ssl.bundle} and {@code spring.data.redis.password}.
 */
class TlsFleetTests {

	private static final ParameterizedTypeReference<Map<String, BigDecimal>> RATES = new ParameterizedTypeReference<>() {
	};

	private static final String PASSWORD = "tls-fleet-secret";

	private final TlsCertificates certificates = TlsCertificates.generate();

	private final Upstream upstream = new Upstream();

	private @Nullable RedisServer redis;

	private @Nullable Fleet fleet;

	@BeforeEach
	void startTlsServer() {
		assumeTrue(RedisExecutable.supportsTls(), () -> RedisExecutable.describe()
				+ " was built without TLS: install one that has it, e.g. apt-get install redis-server");
		this.redis = RedisServer.start(RedisServerOptions.defaults().withTls(this.certificates).withPassword(PASSWORD));
		this.fleet = new Fleet(this.redis, Upstream.RatesJob.class).share("upstream", this.upstream)
			.with("spring.ssl.bundle.pem.bellwether-redis.truststore.certificate=file:"
					+ this.certificates.caCertificate(), "spring.data.redis.ssl.bundle=bellwether-redis",
					"spring.data.redis.password=" + PASSWORD, "spring.data.redis.timeout=2s", "test.rate=1h");
	}

	@AfterEach
	void close() {
		if (this.fleet != null) {
			this.fleet.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void fleetElectsALeaderAndSyncsADatasetOverTlsWithAPassword() {
		Fleet fleet = Objects.requireNonNull(this.fleet).start(2);
		FleetNode leader = fleet.awaitLeader();
		FleetNode follower = fleet.followersOf(leader).get(0);
		assertThat(((LettuceConnectionFactory) follower.bean(RedisConnectionFactory.class)).isUseSsl()).isTrue();
		await().untilAsserted(() -> assertThat(follower.datasets().get("rates", RATES).current())
			.hasValueSatisfying((rates) -> assertThat(rates).containsKey("EURUSD")));
		assertThat(leader.dataset("notes", String.class).publish("over TLS")).isTrue();
		await().untilAsserted(() -> assertThat(follower.dataset("notes", String.class).current()).contains("over TLS"));
		assertThat(this.upstream.callCount()).isEqualTo(1);
		assertThat(Objects.requireNonNull(this.redis).commands().hget("bellwether:{fleet}:ds:notes", "payload"))
			.isEqualTo("\"over TLS\"");
	}

}
