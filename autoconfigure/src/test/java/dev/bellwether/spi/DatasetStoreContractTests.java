package dev.bellwether.spi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link DatasetStore} contract, run against every backend.
 */
abstract class DatasetStoreContractTests extends StoreContract {

	private static final byte[] RATES = "{\"EURUSD\":1.08}".getBytes(StandardCharsets.UTF_8);

	@Test
	void publishKeepsAndAnnouncesTheRevisionToEverySubscriber() {
		Recorder mine = new Recorder().subscribeTo(this.one);
		Recorder theirs = new Recorder().subscribeTo(this.other);
		LeaderToken leader = lead(this.one, "node-a");
		long before = System.currentTimeMillis();
		DatasetStore.Entry published = this.one.datasets().publish(leader, "rates", RATES, 0);
		long after = System.currentTimeMillis();
		assertThat(published).isNotNull();
		assertThat(published.name()).isEqualTo("rates");
		assertThat(published.revision()).isEqualTo(1);
		assertThat(published.epoch()).isEqualTo(leader.epoch());
		assertThat(published.updatedAt()).isBetween(before - 1000, after + 1000);
		assertThat(published.payload()).isEqualTo(RATES);
		assertThat(this.other.datasets().read("rates")).usingRecursiveComparison().isEqualTo(published);
		awaitEachHeardOnly(published, mine, theirs);
	}

	@Test
	void revisionGrowsWithEveryPublication() {
		LeaderToken leader = lead(this.one, "node-a");
		this.one.datasets().publish(leader, "rates", RATES, 0);
		this.one.datasets().publish(leader, "terms", RATES, 0);
		assertThat(this.one.datasets().publish(leader, "rates", RATES, 0).revision()).isEqualTo(2);
		assertThat(this.one.datasets().read("terms").revision()).isEqualTo(1);
	}

	@Test
	void revisionIsRaisedAboveTheCallersMinRevision() {
		LeaderToken leader = lead(this.one, "node-a");
		assertThat(this.one.datasets().publish(leader, "rates", RATES, 41).revision()).isEqualTo(42);
		assertThat(this.one.datasets().publish(leader, "rates", RATES, 0).revision()).isEqualTo(43);
	}

	@Test
	void publishIsRefusedForAReplacedToken() {
		LeaderToken[] tokens = replaceLeader();
		DatasetStore.Entry current = this.other.datasets().publish(tokens[1], "rates", RATES, 0);
		assertThat(this.one.datasets().publish(tokens[0], "rates", "{}".getBytes(StandardCharsets.UTF_8), 5)).isNull();
		assertThat(this.one.datasets().read("rates")).usingRecursiveComparison().isEqualTo(current);
	}

	@Test
	void publishIsRefusedAfterRelease() {
		LeaderToken leader = lead(this.one, "node-a");
		this.one.leader().release(leader);
		assertThat(this.one.datasets().publish(leader, "rates", RATES, 0)).isNull();
		assertThat(this.one.datasets().state(List.of("rates")))
			.isEqualTo(new DatasetStore.State(null, Map.of("rates", 0L)));
	}

	@Test
	void storeIdBeginsWithItsCreationTime() {
		LeaderToken leader = lead(this.one, "node-a");
		long before = System.currentTimeMillis();
		String store = this.one.datasets().publish(leader, "rates", RATES, 0).store();
		assertThat(store).matches("\\d+-.+");
		assertThat(Long.parseLong(store.substring(0, store.indexOf('-')))).isBetween(before - 1000,
				System.currentTimeMillis() + 1000);
		assertThat(this.one.datasets().publish(leader, "terms", RATES, 0).store()).isEqualTo(store);
	}

	@Test
	void storeIdChangesWhenTheStoreIsEmptied() {
		String first = this.one.datasets().publish(lead(this.one, "node-a"), "rates", RATES, 0).store();
		backend().empty();
		assertThat(this.other.datasets().read("rates")).isNull();
		assertThat(this.other.datasets().state(List.of("rates")))
			.isEqualTo(new DatasetStore.State(null, Map.of("rates", 0L)));
		DatasetStore.Entry reseeded = this.other.datasets().publish(lead(this.other, "node-b"), "rates", RATES, 0);
		assertThat(reseeded.store()).isNotEqualTo(first);
		assertThat(reseeded.revision()).isEqualTo(1);
	}

	@Test
	void stateReadsTheGenerationAndTheRevisionOfEachDatasetAskedFor() {
		LeaderToken leader = lead(this.one, "node-a");
		this.one.datasets().publish(leader, "rates", RATES, 0);
		String store = this.one.datasets().publish(leader, "terms", RATES, 6).store();
		DatasetStore.State state = this.other.datasets().state(List.of("terms", "unknown", "rates"));
		assertThat(state.store()).isEqualTo(store);
		assertThat(state.revisions()).containsExactly(Map.entry("terms", 7L), Map.entry("unknown", 0L),
				Map.entry("rates", 1L));
	}

	@Test
	void readOfADatasetNeverPublishedIsNull() {
		this.one.datasets().publish(lead(this.one, "node-a"), "rates", RATES, 0);
		assertThat(this.other.datasets().read("terms")).isNull();
	}

}
