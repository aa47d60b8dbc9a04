package dev.bellwether.sample.hedging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import dev.bellwether.leader.Leadership;
import dev.bellwether.sample.hedging.market.FxRates;
import dev.bellwether.sample.hedging.market.UpstreamClient;
import dev.bellwether.schedule.FleetScheduler;
import dev.bellwether.schedule.JobOutcome;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;

/**
 * How an application tests its own {@code @LeaderScheduled} jobs without a redis-server:
 * {@code bellwether.store=memory} makes the instance lead alone, and
 * {@link FleetScheduler#runHere} runs a job at once. Redis is pointed at a port where
 * nothing listens, so nothing here can lean on one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bellwether.store=memory", "spring.data.redis.url=redis://127.0.0.1:1",
				"management.health.redis.enabled=false", "hedging.rates.refresh-interval=1h" })
class RatesWithoutRedisTests {

	@MockitoBean
	UpstreamClient upstream;

	@Autowired
	Leadership leadership;

	@Autowired
	FleetScheduler scheduler;

	@LocalServerPort
	int port;

	@Test
	void aRunOfTheRatesJobIsServedByTheApi() {
		given(this.upstream.rates()).willReturn(new FxRates(Instant.now(), Map.of("EURUSD", new BigDecimal("1.0842"))));
		await().until(this.leadership::isLeader);
		assertThat(this.scheduler.runHere("rates")).contains(JobOutcome.SUCCESS);
		String rate = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/api/rates/EURUSD")
			.retrieve()
			.body(String.class);
		assertThat(rate).contains("1.0842");
	}

}
