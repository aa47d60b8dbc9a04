package dev.bellwether.sample.hedging;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import dev.bellwether.leader.Leadership;
import dev.bellwether.test.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fleet of two hedging instances started as {@code java -jar} starts them, run by the
 * build in AOT mode ({@code process-aot} then {@code spring.aot.enabled=true}, the
 * surefire execution {@code aot-test}): one instance is elected and both serve the rates
 * its job published. The upstream is a stub, as the fake upstream is a profile of the
 * application and AOT fixes the profiles at build time.
 */
class AotFleetTests {

	private static final JsonMapper json = JsonMapper.shared();

	private static RedisServer redis;

	private static HttpServer upstream;

	private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@BeforeAll
	static void startFleet() throws IOException {
		redis = RedisServer.start();
		upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		upstream.createContext("/rates", (exchange) -> respond(exchange,
				"{\"asOf\":\"" + Instant.now() + "\",\"rates\":{\"EURUSD\":1.0842,\"GBPUSD\":1.2710}}"));
		upstream.createContext("/terms",
				(exchange) -> respond(exchange, "{\"asOf\":\"" + Instant.now() + "\",\"customers\":{}}"));
		upstream.start();
		for (int i = 1; i <= 2; i++) {
			// main(...) names the class whose generated initializer AOT mode starts from
			instances.add(new SpringApplicationBuilder(HedgingApplication.class).main(HedgingApplication.class)
				.run("--server.port=0", "--spring.data.redis.url=" + redis.uri(),
						"--hedging.upstream.url=http://127.0.0.1:" + upstream.getAddress().getPort(),
						"--hedging.rates.refresh-interval=1s", "--hedging.rates.expected-pairs=EURUSD,GBPUSD",
						"--bellwether.group=aot-fleet", "--bellwether.node-id=aot-" + i, "--bellwether.leader.ttl=2s"));
		}
	}

	@AfterAll
	static void stopFleet() {
		instances.forEach(ConfigurableApplicationContext::close);
		upstream.stop(0);
		redis.close();
	}

	@Test
	void runsFromTheCodeGeneratedAheadOfTime() {
		Assumptions.assumeTrue(AotDetector.useGeneratedArtifacts(),
				"not in AOT mode: run with -Paot (process-aot and -Dspring.aot.enabled=true)");
		assertThat(ClassUtils.isPresent(HedgingApplication.class.getName() + "__ApplicationContextInitializer", null))
			.isTrue();
		for (ConfigurableApplicationContext instance : instances) {
			RootBeanDefinition leadership = (RootBeanDefinition) instance.getBeanFactory()
				.getMergedBeanDefinition("bellwetherLeadership");
			assertThat(leadership.getInstanceSupplier()).as("a generated instance supplier").isNotNull();
		}
	}

	@Test
	void oneInstanceLeadsAndEveryInstanceServesTheRatesItPublished() {
		await().untilAsserted(() -> {
			List<String> roles = new ArrayList<>();
			List<JsonNode> rates = new ArrayList<>();
			for (ConfigurableApplicationContext instance : instances) {
				roles.add(get(instance, "/actuator/health").at("/components/bellwether/details/role").asString());
				rates.add(get(instance, "/api/rates/EURUSD"));
			}
			assertThat(roles).containsExactlyInAnyOrder("LEADER", "FOLLOWER");
			assertThat(rates).allSatisfy((rate) -> {
				assertThat(rate.path("mid").decimalValue()).isEqualByComparingTo("1.0842");
				assertThat(rate.path("revision").asLong()).isEqualTo(rates.get(0).path("revision").asLong());
			});
		});
		assertThat(instances.stream().filter((instance) -> instance.getBean(Leadership.class).isLeader())).hasSize(1);
		System.out.println("AOT mode: " + AotDetector.useGeneratedArtifacts() + "; one leader, rates served by both");
	}

	private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private static JsonNode get(ConfigurableApplicationContext instance, String path)
			throws IOException, InterruptedException {
		int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

}
