package dev.bellwether.sample.websocket.live;

import tools.jackson.databind.json.JsonMapper;

import dev.bellwether.data.Datasets;
import dev.bellwether.leader.Leadership;
import dev.bellwether.sample.websocket.market.MarketFeed;
import dev.bellwether.sample.websocket.market.MarketProperties;
import dev.bellwether.sample.websocket.market.MarketSnapshot;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.client.RestClient;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

/**
 * The broadcaster (not in the fake upstream's process): the leader's feed, and the
 * WebSocket endpoint {@code /ws/market} every instance serves.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!upstream")
@EnableWebSocket
@EnableConfigurationProperties(MarketProperties.class)
class LiveConfiguration {

	@Bean
	MarketFeed marketFeed(RestClient.Builder builder, MarketProperties properties) {
		return new MarketFeed(builder, properties);
	}

	@Bean
	MarketBroadcaster marketBroadcaster(Datasets datasets, Leadership leadership, JsonMapper json) {
		return new MarketBroadcaster(datasets.get("market", MarketSnapshot.class), leadership, json);
	}

	@Bean
	WebSocketConfigurer marketSocket(MarketBroadcaster broadcaster) {
		return (registry) -> registry.addHandler(broadcaster, "/ws/market");
	}

}
