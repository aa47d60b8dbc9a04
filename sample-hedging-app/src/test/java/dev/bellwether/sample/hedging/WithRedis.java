package dev.bellwether.sample.hedging;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.bellwether.test.RedisServer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Points the sample's Spring Boot tests at one real redis-server on a free port, shared
 * by every test class that extends it (each uses its own Bellwether group). The server
 * stops when the test JVM does.
 */
abstract class WithRedis {

	static final RedisServer redis = RedisServer.start();

	/**
	 * Reads a path of an instance over HTTP, expecting 200 OK.
	 * @param port the instance's port
	 * @param path the path
	 * @return the body
	 */
	static String ok(int port, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", redis::uri);
	}

}
