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
		assertThat(send("GET", "/stats").body()).isEqualTo("{\"calls\":2,\"rates\":1,\"terms\":1,\"customers\":0}");
	}

	@Test
	void faultsChangeAtRunTimeAndEveryCallIsLoggedWithItsStatus() throws Exception {
		HttpResponse<String> changed = send("PUT", "/faults", "{\"latency\":\"PT0S\",\"failureRate\":0}");
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(send("GET", "/faults").body()).isEqualTo("{\"latency\":\"PT0S\",\"failureRate\":0.0}");
		long last = JsonPath.<List<Integer>>read(send("GET", "/calls").body(), "$[*].seq")
			.stream()
			.mapToLong(Integer::longValue)
			.max()
			.orElse(0);
		assertThat(send("GET", "/rates").statusCode()).isEqualTo(200);
		send("PUT", "/faults", "{\"latency\":\"PT0S\",\"failureRate\":1}");
		assertThat(send("GET", "/terms").statusCode()).isEqualTo(503);
		String calls = send("GET", "/calls?after=" + last).body();
		assertThat(JsonPath.<List<String>>read(calls, "$[*].path")).containsExactly("/rates", "/terms");
		assertThat(JsonPath.<List<Integer>>read(calls, "$[*].status")).containsExactly(200, 503);
		assertThat(send("PUT", "/faults", "{\"latency\":\"PT0S\",\"failureRate\":2}").statusCode()).isEqualTo(400);
		send("PUT", "/faults", "{\"latency\":\"PT0.2S\",\"failureRate\":1}");
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		return send(method, path, null);
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
