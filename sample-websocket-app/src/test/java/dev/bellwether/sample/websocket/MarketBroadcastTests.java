package dev.bellwether.sample.websocket;

import java.net.http.HttpClient;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every instance pushes each new revision to its own WebSocket clients, and a late client
 * gets the current snapshot at once.
 */
class MarketBroadcastTests {

	private final MarketFleet fleet = new MarketFleet("500ms");

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void close() {
		this.fleet.close();
	}

	@Test
	void clientsOfEveryInstanceReceiveEveryRevisionInOrder() {
		ConfigurableApplicationContext a = this.fleet.start("md-a");
		ConfigurableApplicationContext b = this.fleet.start("md-b");
		MarketClient onA = new MarketClient(this.http, MarketFleet.ws(a));
		MarketClient onB = new MarketClient(this.http, MarketFleet.ws(b));
		await().until(() -> onA.lastRevision() >= 5 && onB.lastRevision() >= 5);
		for (MarketClient client : List.of(onA, onB)) {
			List<Long> revisions = client.snapshots.stream().map(MarketClient.Received::revision).toList();
			assertThat(revisions).isSorted().doesNotHaveDuplicates();
			assertThat(client.snapshots.get(client.snapshots.size() - 1).message().path("quotes").size()).isEqualTo(16);
		}
		onA.close();
		onB.close();
	}

	@Test
	void aLateClientGetsTheCurrentSnapshotAtOnce() {
		ConfigurableApplicationContext a = this.fleet.start("md-a");
		MarketClient first = new MarketClient(this.http, MarketFleet.ws(a));
		await().until(() -> first.lastRevision() >= 1);
		MarketClient late = new MarketClient(this.http, MarketFleet.ws(a));
		await().until(() -> !late.snapshots.isEmpty());
		assertThat(late.snapshots.get(0).revision()).isPositive();
		assertThat(late.snapshots.get(0).message().path("nodeId").asString()).isEqualTo("md-a");
		assertThat(late.snapshots.get(0).message().path("role").asString()).isEqualTo("LEADER");
		first.close();
		late.close();
	}

}
