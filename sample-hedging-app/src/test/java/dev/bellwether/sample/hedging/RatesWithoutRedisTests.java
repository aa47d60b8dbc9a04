package dev.bellwether.sample.hedging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.bellwether.leader.Leadership;
import dev.bellwether.sample.hedging.market.FxRates;
import dev.bellwether.sample.hedging.market.UpstreamClient;
import dev.bellwether.schedule.JobOutcome;
import dev.bellwether.schedule.Jobs;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * How an application tests its own {@code @LeaderScheduled} jobs without a redis-server:
 * {@code bellwether.store=memory} makes the instance lead alone, and {@link Jobs#runHere}
 * runs a job at once. Redis is pointed at a port where nothing listens, so nothing here
 * can lean on one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bellwether.store=memory", "spring.data.redis.url=redis://127.0.0.1:1",
				"management.health.redis.enabled=false", "hedging.rates.refresh-interval=1h",
				"hedging.rates.expected-pairs=EURUSD,GBPUSD" })
class RatesWithoutRedisTests {

	/** What the upstream answers; read on the jobs' threads. */
	private static final AtomicReference<FxRates> RATES = new AtomicReference<>();

	@TestBean
	UpstreamClient upstream;

	@Autowired
	Leadership leadership;

	@Autowired
	Jobs jobs;

	@LocalServerPort
	int port;

	/**
	 * Stubbed before the context starts, to answer what the test sets: the jobs call the
	 * upstream on their own threads as soon as the instance leads, and a mock cannot be
	 * stubbed while another thread calls it.
	 */
	static UpstreamClient upstream() {
		UpstreamClient upstream = mock(UpstreamClient.class);
		given(upstream.rates()).willAnswer((invocation) -> RATES.get());
		return upstream;
	}

	@Test
	void aRunOfTheRatesJobIsServedByTheApi() {
		RATES.set(rates("1.0842", "1.2673"));
		await().until(this.leadership::isLeader);
		assertThat(this.jobs.runHere("rates")).isEqualTo(JobOutcome.SUCCESS);
		assertThat(rate("EURUSD")).contains("1.0842");
	}

	@Test
	void ratesThatFailValidationAreNotPublishedAndTheLastGoodOnesAreServed() {
		RATES.set(rates("1.0842", "1.2673"));
		await().until(this.leadership::isLeader);
		assertThat(this.jobs.runHere("rates")).isEqualTo(JobOutcome.SUCCESS);
		RATES.set(new FxRates(Instant.now(), Map.of("EURUSD", new BigDecimal("-1"))));
		assertThat(this.jobs.runHere("rates")).isEqualTo(JobOutcome.FAILURE);
		assertThat(rate("EURUSD")).contains("1.0842");
		assertThat(get("/actuator/bellwether")).contains("missing pair GBPUSD", "non-positive mid -1 for EURUSD");
	}

	private String rate(String pair) {
		return get("/api/rates/" + pair);
	}

	private String get(String path) {
		return RestClient.create("http://localhost:" + this.port).get().uri(path).retrieve().body(String.class);
	}

	private static FxRates rates(String eurusd, String gbpusd) {
		return new FxRates(Instant.now(), Map.of("EURUSD", new BigDecimal(eurusd), "GBPUSD", new BigDecimal(gbpusd)));
	}

}
