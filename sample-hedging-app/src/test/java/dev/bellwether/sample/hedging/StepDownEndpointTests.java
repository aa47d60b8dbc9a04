package dev.bellwether.sample.hedging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.bellwether.leader.Leadership;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /actuator/bellwether/stepdown} over HTTP: off by default, a handover once
 * the application grants write access.
 */
class StepDownEndpointTests extends WithRedis {

	static int post(int port, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode();
	}

	@Nested
	@DirtiesContext
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bellwether.group=stepdown-default")
	class ByDefault {

		@Autowired
		Leadership leadership;

		@LocalServerPort
		int port;

		@Test
		void stepdownIsNotExposed() throws Exception {
			await().until(this.leadership::isLeader);
			assertThat(post(this.port, "/actuator/bellwether/stepdown")).isIn(404, 405);
			assertThat(this.leadership.isLeader()).isTrue();
		}

	}

	@Nested
	@DirtiesContext
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "bellwether.group=stepdown-granted", "management.endpoint.bellwether.access=unrestricted" })
	class WhenGranted {

		@Autowired
		Leadership leadership;

		@LocalServerPort
		int port;

		@Test
		void stepdownHandsOver() throws Exception {
			await().until(this.leadership::isLeader);
			long epoch = this.leadership.epoch();
			assertThat(post(this.port, "/actuator/bellwether/stepdown")).isEqualTo(200);
			await().until(() -> this.leadership.epoch() > epoch);
		}

	}

}
