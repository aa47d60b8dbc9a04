package dev.bellwether.sample.websocket;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;

import dev.bellwether.data.Datasets;
import dev.bellwether.sample.websocket.market.MarketSnapshot;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A benchmark, not a timed test (its name keeps it out of {@code ./mvnw verify}): 1,000
 * WebSocket clients on one instance, a new revision every 500 ms for 30 revisions. It
 * checks that every client receives every revision and prints the fan-out latency from
 * publication (Redis clock) to receipt. Run it with
 * {@code ./mvnw -B -pl sample-websocket-app -am test -Dtest=MarketFanOutBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class MarketFanOutBenchmark {

	private static final int CLIENTS = 1000;

	private static final int REVISIONS = 30;

	@Test
	void fanOutToAThousandClients() {
		try (MarketFleet fleet = new MarketFleet("500ms")) {
			ConfigurableApplicationContext instance = fleet.start("md-bench");
			HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
			List<MarketClient> clients = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				clients.add(new MarketClient(http, MarketFleet.ws(instance)));
			}
			long first = instance.getBean(Datasets.class).get("market", MarketSnapshot.class).revision() + 1;
			long last = first + REVISIONS - 1;
			await().atMost(Duration.ofSeconds(REVISIONS))
				.until(() -> clients.stream().allMatch((c) -> c.lastRevision() >= last));
			List<Long> latencies = new ArrayList<>();
			for (MarketClient client : clients) {
				List<MarketClient.Received> window = client.snapshots.stream()
					.filter((received) -> received.revision() >= first && received.revision() <= last)
					.toList();
				assertThat(window).extracting(MarketClient.Received::revision)
					.containsExactlyElementsOf(LongStream.rangeClosed(first, last).boxed().toList());
				window.forEach((received) -> latencies.add(received.latencyMillis()));
			}
			latencies.sort(Long::compare);
			System.out.printf(
					"%d clients x %d revisions: every client received every revision; fan-out latency "
							+ "p50 %d ms, p99 %d ms, max %d ms%n",
					CLIENTS, REVISIONS, percentile(latencies, 0.50), percentile(latencies, 0.99),
					latencies.get(latencies.size() - 1));
			clients.forEach(MarketClient::close);
		}
	}

	private static long percentile(List<Long> sorted, double quantile) {
		return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
	}

}
