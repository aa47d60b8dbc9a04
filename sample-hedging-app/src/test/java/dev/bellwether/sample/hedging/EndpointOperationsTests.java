package dev.bellwether.sample.hedging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.bellwether.leader.Leadership;
import dev.bellwether.schedule.Jobs;
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
 * The write operations of {@code /actuator/bellwether} over HTTP: off by default; once
 * the application grants write access, {@code stepdown} hands over and
 * {@code {job}/run|pause|resume} operate a job, with a problem detail for an unknown job.
 */
class EndpointOperationsTests extends WithRedis {

	static int post(int port, String path) throws Exception {
		return exchange(port, path).statusCode();
	}

	static HttpResponse<String> exchange(int port, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Nested
	@DirtiesContext
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bellwether.group=stepdown-default")
	class ByDefault {

		@Autowired
		Leadership leadership;

		@LocalServerPort
		int port;

		@Autowired
		Jobs jobs;

		@Test
		void stepdownIsNotExposed() throws Exception {
			await().until(this.leadership::isLeader);
			assertThat(post(this.port, "/actuator/bellwether/stepdown")).isIn(404, 405);
			assertThat(this.leadership.isLeader()).isTrue();
		}

		@Test
		void jobOperationsAreNotExposed() throws Exception {
			assertThat(post(this.port, "/actuator/bellwether/rates/pause")).isIn(404, 405);
			assertThat(this.jobs.isPaused("rates")).isFalse();
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

		@Autowired
		Jobs jobs;

		@Test
		void stepdownHandsOver() throws Exception {
			await().until(this.leadership::isLeader);
			long epoch = this.leadership.epoch();
			assertThat(post(this.port, "/actuator/bellwether/stepdown")).isEqualTo(200);
			await().until(() -> this.leadership.epoch() > epoch);
		}

		@Test
		void runIsAcceptedAndPauseAndResumeAreRecorded() throws Exception {
			HttpResponse<String> run = exchange(this.port, "/actuator/bellwether/terms/run");
			assertThat(run.statusCode()).isEqualTo(202);
			assertThat(run.body()).contains("\"job\":\"terms\"", "\"requestedAt\"");
			assertThat(post(this.port, "/actuator/bellwether/rates/pause")).isEqualTo(200);
			await().until(() -> this.jobs.isPaused("rates"));
			assertThat(post(this.port, "/actuator/bellwether/rates/resume")).isEqualTo(200);
			await().until(() -> !this.jobs.isPaused("rates"));
		}

		@Test
		void unknownJobIsANotFoundProblem() throws Exception {
			HttpResponse<String> response = exchange(this.port, "/actuator/bellwether/ratse/run");
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).contains("\"status\":404", "No @LeaderScheduled job is named 'ratse'");
		}

	}

}
