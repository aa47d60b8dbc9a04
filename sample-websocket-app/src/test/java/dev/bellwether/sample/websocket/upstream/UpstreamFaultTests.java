package dev.bellwether.sample.websocket.upstream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "market.upstream.failure-rate=1", "market.upstream.latency=200ms" })
@ActiveProfiles("upstream")
class UpstreamFaultTests {

	final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void failuresAreDelayedProblemDetailsAndStillCounted() throws Exception {
		send("POST", "/stats/reset");
		long start = System.nanoTime();
		HttpResponse<String> quotes = send("GET", "/quotes");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		assertThat(quotes.statusCode()).isEqualTo(503);
		assertThat(quotes.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JsonPath.<Integer>read(quotes.body(), "$.status")).isEqualTo(503);
		assertThat(JsonPath.<String>read(quotes.body(), "$.title")).isEqualTo("Upstream unavailable");
		assertThat(JsonPath.<String>read(quotes.body(), "$.detail")).contains("market.upstream.failure-rate");
		send("GET", "/quotes");
		assertThat(send("GET", "/stats").body()).isEqualTo("{\"calls\":2}");
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
