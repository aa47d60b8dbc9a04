package dev.bellwether.sample.hedging.upstream;

import java.math.BigDecimal;
import java.time.Instant;

import com.jayway.jsonpath.JsonPath;
import dev.bellwether.sample.hedging.upstream.UpstreamController.Terms;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("upstream")
class UpstreamApiTests {

	@LocalServerPort
	int port;

	RestClient client;

	@BeforeEach
	void resetStats() {
		this.client = RestClient.create("http://localhost:" + this.port);
		assertThat(this.client.post().uri("/stats/reset").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
	}

	@Test
	void servesAtLeastTwentyPairsAsOfNow() {
		Instant before = Instant.now();
		Rates rates = this.client.get().uri("/rates").retrieve().body(Rates.class);
		assertThat(rates.asOf()).isAfterOrEqualTo(before);
		assertThat(rates.rates()).hasSizeGreaterThanOrEqualTo(20)
			.containsKeys("EURUSD", "GBPUSD", "USDJPY", "USDCHF", "EURGBP", "EURJPY", "USDMXN", "USDPLN");
		assertThat(rates.rates().get("EURUSD")).isBetween(new BigDecimal("1.0"), new BigDecimal("1.2"));
		assertThat(rates.rates().get("EURUSD").scale()).isEqualTo(5);
		assertThat(rates.rates().get("USDJPY")).isBetween(new BigDecimal("140"), new BigDecimal("160"));
		assertThat(rates.rates().get("USDJPY").scale()).isEqualTo(3);
	}

	@Test
	void ratesMoveBetweenTwoCalls() {
		Rates first = this.client.get().uri("/rates").retrieve().body(Rates.class);
		Rates second = this.client.get().uri("/rates").retrieve().body(Rates.class);
		assertThat(second.rates()).containsOnlyKeys(first.rates().keySet()).isNotEqualTo(first.rates());
	}

	@Test
	void servesTermsOfAtLeastHundredCustomers() {
		Terms terms = this.client.get().uri("/terms").retrieve().body(Terms.class);
		assertThat(terms.asOf()).isNotNull();
		assertThat(terms.customers()).hasSizeGreaterThanOrEqualTo(100);
		CustomerTerms first = terms.customers().get("C0001");
		assertThat(first.customer()).isEqualTo("C0001");
		assertThat(first.name()).isNotBlank();
		assertThat(first.paymentDays()).isPositive();
		assertThat(first.hedgeRatio()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
		assertThat(first.creditLimit()).isPositive();
		assertThat(first.currency()).hasSize(3);
	}

	@Test
	void servesTheDocumentedJsonShapes() {
		String rates = getJson("/rates");
		assertThat(Instant.parse(JsonPath.<String>read(rates, "$.asOf"))).isNotNull();
		assertThat(JsonPath.<Double>read(rates, "$.rates.EURUSD")).isPositive();
		String terms = getJson("/terms");
		assertThat(Instant.parse(JsonPath.<String>read(terms, "$.asOf"))).isNotNull();
		assertThat(JsonPath.<String>read(terms, "$.customers.C0001.customer")).isEqualTo("C0001");
		assertThat(JsonPath.<String>read(terms, "$.customers.C0001.name")).isNotBlank();
		assertThat(JsonPath.<Integer>read(terms, "$.customers.C0001.paymentDays")).isPositive();
		assertThat(JsonPath.<Double>read(terms, "$.customers.C0001.hedgeRatio")).isBetween(0.0, 1.0);
		assertThat(JsonPath.<Number>read(terms, "$.customers.C0001.creditLimit").longValue()).isPositive();
		assertThat(JsonPath.<String>read(terms, "$.customers.C0001.currency")).hasSize(3);
		assertThat(getJson("/stats")).isEqualTo("{\"calls\":2,\"rates\":1,\"terms\":1,\"customers\":0}");
	}

	@Test
	void servesOneCustomersTermsInOrOutsideTheDailyBatchAndCountsEachCall() {
		String inBatch = getJson("/terms/C0001");
		assertThat(JsonPath.<String>read(inBatch, "$.customer")).isEqualTo("C0001");
		String outside = getJson("/terms/D0042");
		assertThat(JsonPath.<String>read(outside, "$.customer")).isEqualTo("D0042");
		assertThat(getJson("/terms/D0042")).as("the same terms each time").isEqualTo(outside);
		HttpStatusCode unknown = this.client.get()
			.uri("/terms/NOBODY")
			.exchange((request, response) -> response.getStatusCode());
		assertThat(unknown).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(JsonPath.<Integer>read(getJson("/stats"), "$.customers")).isEqualTo(4);
	}

	@Test
	void statsCountRatesAndTermsCallsUntilReset() {
		getJson("/rates");
		getJson("/rates");
		getJson("/terms");
		assertThat(stats()).isEqualTo(3);
		this.client.post().uri("/stats/reset").retrieve().toBodilessEntity();
		assertThat(stats()).isZero();
		getJson("/terms");
		assertThat(stats()).isEqualTo(1);
	}

	private String getJson(String path) {
		return this.client.get().uri(path).retrieve().body(String.class);
	}

	private long stats() {
		return this.client.get().uri("/stats").retrieve().body(CallCounter.Counts.class).calls();
	}

}
