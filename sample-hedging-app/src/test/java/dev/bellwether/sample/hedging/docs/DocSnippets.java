package dev.bellwether.sample.hedging.docs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.bellwether.data.Dataset;
import dev.bellwether.data.DatasetValidator;
import dev.bellwether.data.Datasets;
import dev.bellwether.data.FleetCache;
import dev.bellwether.data.FleetCaches;
import dev.bellwether.leader.Leadership;
import dev.bellwether.sample.hedging.market.CustomerTerms;
import dev.bellwether.sample.hedging.market.FxRates;
import dev.bellwether.schedule.Jobs;
import dev.bellwether.schedule.LeaderScheduled;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;

/**
 * The code blocks of the README and of {@code docs/}, in code that compiles:
 * {@link DocumentationTests} checks that every block is found here or in the samples. Not
 * a bean of any application.
 */
@SuppressWarnings("unused")
class DocSnippets {

	private RatesApi upstream;

	private Datasets datasets;

	private FleetCaches caches;

	private Jobs jobs;

	private Leadership leadership;

	private CustomerTerms customerTerms;

	static class QuickStart {

		private RatesApi upstream;

		@LeaderScheduled(fixedRate = "5m", publish = "rates")
		Map<String, BigDecimal> refreshRates() {
			return upstream.fetchRates();
		}

	}

	@LeaderScheduled(fixedRate = "${hedging.rates.refresh-interval:5m}", publish = "rates")
	Map<String, BigDecimal> refreshRates() {
		return upstream.fetchRates(); // called once per interval for the whole fleet
	}

	void readQuickly() {
		Dataset<Map<String, BigDecimal>> rates = datasets.get("rates", new ParameterizedTypeReference<>() {
		});
		rates.current(); // Optional: the newest revision this instance holds
	}

	void read() {
		Dataset<Map<String, BigDecimal>> rates = datasets.get("rates", new ParameterizedTypeReference<>() {
		});
		rates.current(); // Optional: a volatile read of an immutable snapshot
		rates.revision(); // only ever goes up
		rates.onUpdate(this::requote); // on every instance, each time a new revision
										// lands
		rates.snapshot().ifPresent((snapshot) -> respond(snapshot.value(), snapshot.revision(), snapshot.updatedAt()));
	}

	void cache() {
		FleetCache<String, CustomerTerms> terms = caches.get("terms", String.class, CustomerTerms.class, 10_000);
		terms.put("C0001", customerTerms); // on the leader: written to Redis, announced
											// to the fleet
		terms.get("C0001"); // on any instance: from memory, else read through from Redis
	}

	void operate() {
		jobs.runNow("rates"); // RunRequest: recorded in Redis; the leader runs it once,
								// now
		jobs.pause("rates"); // no leader plans a run until resume; recorded in Redis
		jobs.resume("rates"); // the leader plans from the fleet's record (at once if
								// overdue)
		jobs.isPaused("rates"); // as this instance last heard; no Redis call
		jobs.runHere("rates"); // runs it on this instance, if it leads, and waits: for
								// tests
	}

	void lead() {
		leadership.isLeader(); // cheap, no Redis call; false before anyone else can be
								// elected
		leadership.leaderId(); // Optional<String>: the leader's node id as last seen
		leadership.epoch(); // the fencing epoch, raised by every election, never lower
		leadership.token(); // Optional<LeaderToken>: the leadership held now (node id and
							// epoch)
		leadership.stepDown(); // hand over at once (the others take over within
								// milliseconds)
	}

	static class OnDemandTerms {

		private TermsApi upstream;

		@Cacheable("terms")
		public CustomerTerms termsOf(String customer) {
			return upstream.fetchTerms(customer); // once per customer for the whole fleet
		}

		@CacheEvict("terms")
		public void termsChanged(String customer) {
		}

	}

	@Bean
	DatasetValidator<FxRates> ratesValidator() {
		return DatasetValidator.of("rates",
				(rates) -> rates.rates().containsKey("EURUSD") ? List.of() : List.of("missing pair EURUSD"));
	}

	private void requote(Map<String, BigDecimal> rates) {
	}

	private void respond(Map<String, BigDecimal> rates, long revision, Instant updatedAt) {
	}

	/** The rate-limited API of the examples. */
	interface RatesApi {

		Map<String, BigDecimal> fetchRates();

	}

	/** The rate-limited API of the on-demand example. */
	interface TermsApi {

		CustomerTerms fetchTerms(String customer);

	}

}
