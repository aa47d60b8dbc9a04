package dev.bellwether.sample.hedging;

import java.time.Duration;

import dev.bellwether.leader.Leadership;
import dev.bellwether.test.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as a pod meets a Redis outage at start-up: with Spring Boot's own listener
 * container in the context, it starts, says Redis is down and stays out of traffic, then
 * joins its group once Redis answers.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=hedging-without-redis", "bellwether.leader.ttl=2s" })
class StartsWithoutRedisTests {

	static final RedisServer redis = RedisServer.start();

	static {
		redis.stop();
	}

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", redis::uri);
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Autowired
	Leadership leadership;

	@LocalServerPort
	int port;

	@Test
	void startsWhileRedisIsDownAndJoinsWhenItAnswers() {
		RestClient http = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		assertThat(http.get().uri("/actuator/health/bellwether").retrieve().body(String.class))
			.contains("\"redis\":\"DOWN\"");
		assertThat(http.get().uri("/actuator/health/readiness").retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(503);
		ResponseEntity<String> report = http.get().uri("/actuator/bellwether").retrieve().toEntity(String.class);
		assertThat(report.getStatusCode().value()).as(report.getBody()).isEqualTo(200);
		assertThat(report.getBody()).contains("\"role\":\"FOLLOWER\"", "\"fleet\":[]", "\"fleetUnknown\":",
				"\"recordUnknown\":");
		redis.restart();
		await().atMost(Duration.ofSeconds(20)).until(this.leadership::isLeader);
		await()
			.untilAsserted(() -> assertThat(http.get().uri("/actuator/health/bellwether").retrieve().body(String.class))
				.contains("\"redis\":\"UP\""));
	}

}
