package dev.bellwether.sample.hedging;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the hedging service, under {@code hedging.*}.
 */
@ConfigurationProperties("hedging")
public class HedgingProperties {

	private final Upstream upstream = new Upstream();

	private final Rates rates = new Rates();

	private final Refresh terms = new Refresh(Duration.ofHours(1));

	public Upstream getUpstream() {
		return this.upstream;
	}

	public Rates getRates() {
		return this.rates;
	}

	public Refresh getTerms() {
		return this.terms;
	}

	/**
	 * The exchange-rate API the leader calls.
	 */
	public static class Upstream {

		/**
		 * Base address of the upstream API.
		 */
		private URI url = URI.create("http://localhost:8090");

		/**
		 * How long to wait for a connection to the upstream API.
		 */
		private Duration connectTimeout = Duration.ofSeconds(2);

		/**
		 * How long to wait for the upstream API to answer.
		 */
		private Duration readTimeout = Duration.ofSeconds(10);

		public URI getUrl() {
			return this.url;
		}

		public void setUrl(URI url) {
			this.url = url;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

	}

	/**
	 * How one dataset is refreshed.
	 */
	public static class Refresh {

		/**
		 * Time between two upstream calls, for the whole fleet.
		 */
		private Duration refreshInterval;

		Refresh(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

	}

	/**
	 * How the rates are refreshed and which pairs every revision must hold.
	 */
	public static class Rates extends Refresh {

		/**
		 * Pairs every published revision of the rates must hold: a result missing one is
		 * not published.
		 */
		private List<String> expectedPairs = new ArrayList<>(
				List.of("EURUSD", "GBPUSD", "USDJPY", "USDCHF", "AUDUSD", "USDCAD", "NZDUSD", "EURGBP", "EURJPY",
						"EURCHF", "GBPJPY", "GBPCHF", "AUDJPY", "CHFJPY", "CADJPY", "EURAUD"));

		Rates() {
			super(Duration.ofMinutes(5));
		}

		public List<String> getExpectedPairs() {
			return this.expectedPairs;
		}

		public void setExpectedPairs(List<String> expectedPairs) {
			this.expectedPairs = expectedPairs;
		}

	}

}
