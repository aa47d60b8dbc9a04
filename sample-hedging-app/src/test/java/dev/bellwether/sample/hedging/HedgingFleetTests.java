package dev.bellwether.sample.hedging;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.bellwether.leader.Leadership;
import dev.bellwether.test.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The hedging sample as a fleet over real HTTP and a real redis-server: the fake upstream
 * and three service instances, each its own application context. Rates refresh every
 * second and terms every two seconds, so the call counts can be checked in seconds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HedgingFleetTests {

	private static final Duration RATES_INTERVAL = Duration.ofSeconds(1);

	private static final Duration TERMS_INTERVAL = Duration.ofSeconds(2);

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.shared();

	private static RedisServer redis;

	private static ConfigurableApplicationContext upstream;

	private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@BeforeAll
	static void startFleet() {
		redis = RedisServer.start();
		upstream = new SpringApplicationBuilder(HedgingApplication.class).profiles("upstream").run("--server.port=0");
		for (int i = 1; i <= 3; i++) {
			instances.add(new SpringApplicationBuilder(HedgingApplication.class).run("--server.port=0",
					"--spring.data.redis.url=" + redis.uri(), "--hedging.upstream.url=" + url(upstream, ""),
					"--hedging.rates.refresh-interval=" + RATES_INTERVAL.toMillis() + "ms",
					"--hedging.terms.refresh-interval=" + TERMS_INTERVAL.toMillis() + "ms",
					"--bellwether.node-id=hedging-" + i, "--bellwether.leader.ttl=2s",
					"--management.endpoint.health.show-details=always"));
		}
		await().untilAsserted(() -> {
			for (ConfigurableApplicationContext instance : instances) {
				assertThat(status(instance, "/api/rates")).isEqualTo(200);
			}
		});
	}

	@AfterAll
	static void stopFleet() {
		instances.forEach(ConfigurableApplicationContext::close);
		upstream.close();
		redis.close();
	}

	@Test
	@Order(1)
	void exactlyOneInstanceLeads() throws Exception {
		List<String> roles = new ArrayList<>();
		for (ConfigurableApplicationContext instance : instances) {
			roles.add(get(instance, "/actuator/health").path("components")
				.path("bellwether")
				.path("details")
				.path("role")
				.asString());
		}
		assertThat(roles).containsOnly("LEADER", "FOLLOWER").containsOnlyOnce("LEADER");
	}

	@Test
	@Order(2)
	void everyInstanceServesTheSameRates() {
		await().untilAsserted(() -> {
			List<JsonNode> rates = new ArrayList<>();
			for (ConfigurableApplicationContext instance : instances) {
				rates.add(get(instance, "/api/rates"));
			}
			assertThat(rates).hasSize(3).allSatisfy((r) -> assertThat(r).isEqualTo(rates.get(0)));
			assertThat(rates.get(0).path("rates").size()).isGreaterThanOrEqualTo(20);
		});
	}

	@Test
	@Order(3)
	void theFleetCallsTheUpstreamOncePerIntervalPerDataset() throws Exception {
		Counts counts = countCalls(8, null);
		System.out.printf("3 instances, %.1f s: %d rates calls (%.1f intervals of 1 s), %d terms calls (%.1f of 2 s)%n",
				counts.seconds(), counts.rates(), counts.rateIntervals(), counts.terms(), counts.termIntervals());
		assertThat((double) counts.rates()).isCloseTo(counts.rateIntervals(), within(1.0));
		assertThat((double) counts.terms()).isCloseTo(counts.termIntervals(), within(1.0));
	}

	@Test
	@Order(3)
	void everyUpstreamCallCarriesTheTokenOfTheLeaderThatMadeIt() throws Exception {
		Leadership leader = instances.stream()
			.map((instance) -> instance.getBean(Leadership.class))
			.filter(Leadership::isLeader)
			.findFirst()
			.orElseThrow();
		long before = get(upstream, "/calls").size();
		await().until(() -> get(upstream, "/calls").size() >= before + 2);
		List<JsonNode> calls = new ArrayList<>();
		get(upstream, "/calls").forEach(calls::add);
		assertThat(calls.subList((int) before, calls.size())).allSatisfy((call) -> {
			assertThat(call.path("node").asString()).isEqualTo(leader.nodeId());
			assertThat(call.path("epoch").asLong()).isEqualTo(leader.epoch());
			assertThat(call.path("status").asInt()).isEqualTo(200);
		});
	}

	@Test
	@Order(4)
	void badRequestsGetProblemDetails() throws Exception {
		ConfigurableApplicationContext instance = instances.get(1);
		assertProblem(send(instance, "GET", "/api/rates/XXXYYY", null), 404, "Unknown currency pair");
		assertProblem(send(instance, "GET", "/api/terms/NOBODY", null), 404, "Unknown customer");
		assertProblem(
				send(instance, "POST", "/api/hedges", "{\"customer\":\"C0001\",\"pair\":\"EURUSD\",\"amount\":-5}"),
				400, "Bad Request");
		assertProblem(send(instance, "POST", "/api/hedges", "{\"customer\":\"C0001\",\"pair\":\"EURUSD\"}"), 400,
				"Bad Request");
		assertProblem(send(instance, "POST", "/api/hedges", "{\"customer\": \"C0001\", \"pair\": "), 400,
				"Bad Request");
		assertProblem(
				send(instance, "POST", "/api/hedges", "{\"customer\":\"C0001\",\"pair\":\"EURXXX\",\"amount\":1000}"),
				422, "Unknown currency pair");
		assertProblem(
				send(instance, "POST", "/api/hedges", "{\"customer\":\"NOBODY\",\"pair\":\"EURUSD\",\"amount\":1000}"),
				422, "Unknown customer");
		HttpResponse<String> quote = send(instance, "POST", "/api/hedges",
				"{\"customer\":\"C0001\",\"pair\":\"EURUSD\",\"amount\":1000000}");
		assertThat(quote.statusCode()).as(quote.body()).isEqualTo(200);
		assertThat(json.readTree(quote.body()).path("hedgeAmount").decimalValue()).isPositive();
	}

	@Test
	@Order(4)
	void customersOutsideTheDailyBatchAreLookedUpOnceForTheWholeFleet() throws Exception {
		List<String> customers = List.of("D0001", "D0002", "D0003", "D0004", "D0005");
		long before = stats().path("customers").asLong();
		List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
		for (int round = 0; round < 4; round++) {
			for (ConfigurableApplicationContext instance : instances) {
				for (String customer : customers) {
					answers.add(http.sendAsync(
							HttpRequest.newBuilder(URI.create(url(instance, "/api/terms/" + customer))).build(),
							HttpResponse.BodyHandlers.ofString()));
				}
			}
		}
		Map<String, List<String>> answered = new TreeMap<>();
		for (CompletableFuture<HttpResponse<String>> answer : answers) {
			HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode terms = json.readTree(response.body());
			answered.computeIfAbsent(terms.path("customer").asString(), (id) -> new ArrayList<>()).add(response.body());
		}
		assertThat(answered).containsOnlyKeys(customers)
			.allSatisfy((customer, bodies) -> assertThat(bodies).hasSize(12).containsOnly(bodies.get(0)));
		assertThat(stats().path("customers").asLong() - before).as("upstream calls for 5 customers, 60 requests")
			.isEqualTo(customers.size());
	}

	@Test
	@Order(5)
	void whenTheLeaderStopsAnotherContinuesTheScheduleWithoutDoublingOrSkipping() throws Exception {
		ConfigurableApplicationContext leader = instances.stream()
			.filter((instance) -> instance.getBean(Leadership.class).isLeader())
			.findFirst()
			.orElseThrow();
		Counts counts = countCalls(8, () -> {
			leader.close();
			instances.remove(leader);
		});
		System.out.printf("leader stopped after 3 calls: %d rates calls in %.1f intervals, %d terms in %.1f%n",
				counts.rates(), counts.rateIntervals(), counts.terms(), counts.termIntervals());
		assertThat((double) counts.rates()).isCloseTo(counts.rateIntervals(), within(1.0));
		assertThat((double) counts.terms()).isCloseTo(counts.termIntervals(), within(1.0));
		assertThat(instances.stream().filter((instance) -> instance.getBean(Leadership.class).isLeader())).hasSize(1);
	}

	/**
	 * Resets the upstream's counter right after a rates call, waits for the given number
	 * of further rates calls (running the action after the third), and returns the counts
	 * with the time they took.
	 */
	private Counts countCalls(int ratesCalls, Runnable afterThird) throws Exception {
		long before = stats().path("rates").asLong();
		await().until(() -> stats().path("rates").asLong() > before);
		send(upstream, "POST", "/stats/reset", null);
		long start = System.nanoTime();
		if (afterThird != null) {
			await().until(() -> stats().path("rates").asLong() >= 3);
			afterThird.run();
		}
		await().atMost(Duration.ofSeconds(ratesCalls * 3L)).until(() -> stats().path("rates").asLong() >= ratesCalls);
		JsonNode stats = stats();
		double seconds = (System.nanoTime() - start) / 1e9;
		return new Counts(seconds, stats.path("rates").asLong(), stats.path("terms").asLong(),
				seconds / RATES_INTERVAL.toSeconds(), seconds / TERMS_INTERVAL.toSeconds());
	}

	private static JsonNode stats() throws IOException, InterruptedException {
		return get(upstream, "/stats");
	}

	private static void assertProblem(HttpResponse<String> response, int status, String title) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.path("title").asString()).isEqualTo(title);
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("detail").asString()).isNotBlank();
	}

	private static JsonNode get(ConfigurableApplicationContext context, String path)
			throws IOException, InterruptedException {
		HttpResponse<String> response = send(context, "GET", path, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static int status(ConfigurableApplicationContext context, String path) throws Exception {
		return send(context, "GET", path, null).statusCode();
	}

	private static HttpResponse<String> send(ConfigurableApplicationContext context, String method, String path,
			String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(context, path)))
			.header("Content-Type", "application/json");
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String url(ConfigurableApplicationContext context, String path) {
		return "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + path;
	}

	record Counts(double seconds, long rates, long terms, double rateIntervals, double termIntervals) {
	}

}
