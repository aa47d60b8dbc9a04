package dev.bellwether.sample.hedging.upstream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "upstream.failure-rate=1", "upstream.latency=200ms" })
@ActiveProfiles("upstream")
class UpstreamFaultTests {

	final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void failuresAreDelayedProblemDetailsAndStillCounted() throws Exception {
		send("POST", "/stats/reset");
		long start = System.nanoTime();
		HttpResponse<String> rates = send("GET", "/rates");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		HttpResponse<String> terms = send("GET", "/terms");
		for (HttpResponse<String> response : List.of(rates, terms)) {
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(JsonPath.<Integer>read(response.body(), "$.status")).isEqualTo(503);
			assertThat(JsonPath.<String>read(response.body(), "$.title")).isEqualTo("Upstream unavailable");
			assertThat(JsonPath.<String>read(response.body(), "$.detail")).contains("upstream.failure-rate");
		}
		assertThat(send("GET", "/stats").body()).isEqualTo("{\"calls\":2,\"rates\":1,\"terms\":1}");
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
