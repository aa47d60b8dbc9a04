package dev.bellwether.sample.websocket.upstream;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import dev.bellwether.sample.websocket.upstream.UpstreamController.Quote;
import dev.bellwether.sample.websocket.upstream.UpstreamController.Quotes;
import dev.bellwether.sample.websocket.upstream.UpstreamController.Stats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("upstream")
class UpstreamApiTests {

	static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "TSLA", "SPX", "NDX", "DAX",
			"EURUSD", "GBPUSD", "USDJPY", "BTCUSD", "ETHUSD", "XAUUSD", "US10Y");

	final HttpClient client = HttpClient.newHttpClient();

	final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@BeforeEach
	void resetStats() throws Exception {
		assertThat(send("POST", "/stats/reset").statusCode()).isEqualTo(204);
	}

	@Test
	void servesSixteenQuotesInAStableOrder() throws Exception {
		Instant before = Instant.now();
		Quotes first = quotes();
		assertThat(first.asOf()).isAfterOrEqualTo(before);
		assertThat(first.quotes()).extracting(Quote::symbol).containsExactlyElementsOf(SYMBOLS);
		assertThat(quotes().quotes()).extracting(Quote::symbol).containsExactlyElementsOf(SYMBOLS);
		Quote apple = first.quotes().get(0);
		assertThat(apple.name()).isEqualTo("Apple Inc.");
		assertThat(apple.currency()).isEqualTo("USD");
		assertThat(apple.price()).isBetween(new BigDecimal("150"), new BigDecimal("250"));
		Quote yen = first.quotes().get(SYMBOLS.indexOf("USDJPY"));
		assertThat(yen.currency()).isEqualTo("JPY");
		assertThat(yen.price().scale()).isEqualTo(3);
	}

	@Test
	void pricesMoveBetweenCallsButOpensDoNot() throws Exception {
		List<Quote> first = quotes().quotes();
		List<Quote> second = quotes().quotes();
		assertThat(second).extracting(Quote::open).isEqualTo(first.stream().map(Quote::open).toList());
		assertThat(second).extracting(Quote::price).isNotEqualTo(first.stream().map(Quote::price).toList());
	}

	@Test
	void statsCountQuotesCallsUntilReset() throws Exception {
		quotes();
		quotes();
		quotes();
		assertThat(send("GET", "/stats").body()).isEqualTo("{\"calls\":3}");
		assertThat(send("POST", "/stats/reset").statusCode()).isEqualTo(204);
		assertThat(calls()).isZero();
		quotes();
		assertThat(calls()).isEqualTo(1);
	}

	private Quotes quotes() throws Exception {
		HttpResponse<String> response = send("GET", "/quotes");
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readValue(response.body(), Quotes.class);
	}

	private long calls() throws Exception {
		return this.json.readValue(send("GET", "/stats").body(), Stats.class).calls();
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
