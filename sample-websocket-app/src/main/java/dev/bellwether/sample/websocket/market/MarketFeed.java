package dev.bellwether.sample.websocket.market;

import dev.bellwether.schedule.LeaderScheduled;

import org.springframework.web.client.RestClient;

/**
 * The market-data API: called by the fleet's leader once per refresh interval; its answer
 * reaches every instance as the {@code market} dataset.
 */
public class MarketFeed {

	private final RestClient client;

	public MarketFeed(RestClient.Builder builder, MarketProperties properties) {
		this.client = builder.baseUrl(properties.feedUrl().toString()).build();
	}

	@LeaderScheduled(fixedRate = "${market.refresh-interval:2s}", publish = "market")
	MarketSnapshot refresh() {
		return this.client.get().uri("/quotes").retrieve().body(MarketSnapshot.class);
	}

}
