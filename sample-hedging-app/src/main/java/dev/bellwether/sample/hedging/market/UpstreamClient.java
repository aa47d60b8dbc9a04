package dev.bellwether.sample.hedging.market;

import java.net.http.HttpClient;

import dev.bellwether.sample.hedging.HedgingProperties;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The rate-limited upstream API: called by the leader only, once per refresh interval.
 */
public class UpstreamClient {

	private final RestClient client;

	public UpstreamClient(RestClient.Builder builder, HedgingProperties properties) {
		HedgingProperties.Upstream upstream = properties.getUpstream();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(upstream.getConnectTimeout()).build());
		requests.setReadTimeout(upstream.getReadTimeout());
		this.client = builder.baseUrl(upstream.getUrl().toString()).requestFactory(requests).build();
	}

	public FxRates rates() {
		return this.client.get().uri("/rates").retrieve().body(FxRates.class);
	}

	public PaymentTerms terms() {
		return this.client.get().uri("/terms").retrieve().body(PaymentTerms.class);
	}

}
