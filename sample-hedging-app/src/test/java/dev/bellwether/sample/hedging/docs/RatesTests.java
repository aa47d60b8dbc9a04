package dev.bellwether.sample.hedging.docs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import dev.bellwether.leader.Leadership;
import dev.bellwether.sample.hedging.market.FxRates;
import dev.bellwether.sample.hedging.market.MarketData;
import dev.bellwether.sample.hedging.market.UpstreamClient;
import dev.bellwether.schedule.JobOutcome;
import dev.bellwether.schedule.Jobs;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The example of {@code docs/testing.md}, run as it is written there. Redis is pointed at
 * a port where nothing listens, so that the example is shown to need none.
 */
@TestPropertySource(properties = "spring.data.redis.url=redis://127.0.0.1:1")
@SpringBootTest(properties = { "bellwether.store=memory", "hedging.rates.refresh-interval=1h",
		"hedging.rates.expected-pairs=EURUSD" }) // the sample's RatesValidator checks
													// them
class RatesTests {

	@TestBean
	UpstreamClient upstream; // made by upstream() below, before the jobs can call it

	@Autowired
	Leadership leadership;

	@Autowired
	Jobs jobs; // dev.bellwether.schedule.Jobs

	@Autowired
	MarketData market;

	static UpstreamClient upstream() {
		UpstreamClient upstream = mock(UpstreamClient.class);
		given(upstream.rates()).willReturn(new FxRates(Instant.now(), Map.of("EURUSD", new BigDecimal("1.0842"))));
		return upstream;
	}

	@Test
	void ratesComeFromTheUpstream() {
		await().until(leadership::isLeader);
		assertThat(jobs.runHere("rates")).isEqualTo(JobOutcome.SUCCESS);
		assertThat(market.mid("EURUSD")).contains(new BigDecimal("1.0842"));
	}

}
