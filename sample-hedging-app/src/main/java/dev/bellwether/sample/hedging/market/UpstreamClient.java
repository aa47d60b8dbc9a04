package dev.bellwether.sample.hedging.market;

import java.net.http.HttpClient;

import dev.bellwether.leader.Leadership;
import dev.bellwether.sample.hedging.HedgingProperties;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The rate-limited upstream API: called by the leader only, once per refresh interval.
 * Every call carries the leader's fencing token (headers {@code Bellwether-Node} and
 * {@code Bellwether-Epoch}), so that the upstream can tell which leader called, and an
 * upstream that keeps state could refuse a leader older than one it has served.
 */
public class UpstreamClient {

	private final RestClient client;

	public UpstreamClient(RestClient.Builder builder, HedgingProperties properties, Leadership leadership) {
		HedgingProperties.Upstream upstream = properties.getUpstream();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(upstream.getConnectTimeout()).build());
		requests.setReadTimeout(upstream.getReadTimeout());
		this.client = builder.baseUrl(upstream.getUrl().toString())
			.requestFactory(requests)
			.requestInterceptor((request, body, execution) -> {
				request.getHeaders().set("Bellwether-Node", leadership.nodeId());
				request.getHeaders().set("Bellwether-Epoch", Long.toString(leadership.epoch()));
				return execution.execute(request, body);
			})
			.build();
	}

	public FxRates rates() {
		return this.client.get().uri("/rates").retrieve().body(FxRates.class);
	}

	public PaymentTerms terms() {
		return this.client.get().uri("/terms").retrieve().body(PaymentTerms.class);
	}

}
