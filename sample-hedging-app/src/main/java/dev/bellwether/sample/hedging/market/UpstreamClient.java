package dev.bellwether.sample.hedging.market;

import java.net.http.HttpClient;
import java.util.Optional;

import dev.bellwether.leader.Leadership;
import dev.bellwether.sample.hedging.HedgingProperties;
import dev.bellwether.spi.LeaderToken;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The rate-limited upstream API: called by the leader only, once per refresh interval.
 * Every call carries the leadership it is made under (headers {@code Bellwether-Node} and
 * {@code Bellwether-Epoch}), so that the upstream can tell which leader called, and an
 * upstream that keeps state could refuse a leader older than one it has served. A call is
 * not sent at all once this instance no longer leads: a JVM that stalled between the
 * start of a run and its call (a pause, a cold start on a busy machine) sends nothing
 * late. A lookup of one customer's terms, made by whichever instance needs them, carries
 * its node id only.
 */
public class UpstreamClient {

	private final RestClient client;

	private final RestClient lookups;

	public UpstreamClient(RestClient.Builder builder, HedgingProperties properties, Leadership leadership) {
		HedgingProperties.Upstream upstream = properties.getUpstream();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(upstream.getConnectTimeout()).build());
		requests.setReadTimeout(upstream.getReadTimeout());
		this.lookups = builder.clone()
			.baseUrl(upstream.getUrl().toString())
			.requestFactory(requests)
			.defaultHeader("Bellwether-Node", leadership.nodeId())
			.build();
		this.client = builder.baseUrl(upstream.getUrl().toString())
			.requestFactory(requests)
			.requestInterceptor((request, body, execution) -> {
				LeaderToken token = leadership.token()
					.orElseThrow(() -> new IllegalStateException("No longer the leader: the call is not sent"));
				request.getHeaders().set("Bellwether-Node", token.nodeId());
				request.getHeaders().set("Bellwether-Epoch", Long.toString(token.epoch()));
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

	/**
	 * One customer's terms, on demand.
	 * @param customer the customer id
	 * @return the terms, empty for a customer the upstream does not know
	 */
	public Optional<CustomerTerms> customerTerms(String customer) {
		try {
			return Optional
				.ofNullable(this.lookups.get().uri("/terms/{customer}", customer).retrieve().body(CustomerTerms.class));
		}
		catch (HttpClientErrorException.NotFound ex) {
			return Optional.empty();
		}
	}

}
