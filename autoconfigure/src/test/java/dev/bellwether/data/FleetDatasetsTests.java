package dev.bellwether.data;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import dev.bellwether.time.ManualFleet;
import dev.bellwether.time.ManualFleet.Node;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Datasets on manual time over the in-memory stores: what every instance holds, what it
 * refuses, and how it catches up, without Redis and without sleeping. What needs Redis
 * itself (its connections cut, its restart, its channel) is
 * {@code fleet.DatasetSyncTests}.
 */
class FleetDatasetsTests {

	private static final ParameterizedTypeReference<List<Quote>> QUOTES = new ParameterizedTypeReference<>() {
	};

	/** The verify interval of {@link ManualFleet}'s datasets. */
	private static final Duration VERIFY = Duration.ofMinutes(30);

	@AutoClose
	private final ManualFleet fleet = new ManualFleet();

	private final Node a = this.fleet.node("a").running();

	private final Node b = this.fleet.node("b").running();

	@Test
	void everyInstanceHoldsTheLeadersPublicationsOfGenericTypes() {
		this.fleet.start(this.a, this.b);
		List<Quote> quotes = List.of(new Quote("EURUSD", new BigDecimal("1.0842")), new Quote("GBPUSD", null));
		assertThat(this.a.datasets().get("quotes", QUOTES).publish(quotes)).isTrue();
		Dataset<List<Quote>> held = this.b.datasets().get("quotes", QUOTES);
		this.fleet.time.runDue(); // declared after the publication: read from the store
		assertThat(held.current()).contains(quotes);
		assertThat(held.current().orElseThrow().get(0).mid()).isInstanceOf(BigDecimal.class);
		assertThat(held.revision()).isEqualTo(1);
	}

	@Test
	void aFollowerCannotPublish() {
		this.fleet.start(this.a, this.b);
		assertThat(this.b.datasets().get("notes", String.class).publish("from a follower")).isFalse();
		assertThat(this.b.datasets().refusedPublications()).isEqualTo(1);
		assertThat(this.fleet.stores.datasets().read("notes")).isNull();
		assertThat(this.a.datasets().get("notes", String.class).current()).isEmpty();
	}

	@Test
	void aPayloadAboveTheLimitFailsClearlyAndIsNotPublished() {
		this.fleet.start(this.a, this.b);
		Dataset<String> big = this.a.datasets().get("big", String.class);
		assertThatIllegalArgumentException().isThrownBy(() -> big.publish("x".repeat(2 << 20)))
			.withMessageContaining("bellwether.sync.max-payload-size");
		assertThat(this.fleet.stores.datasets().read("big")).isNull();
	}

	@Test
	void revisionsOnlyGoUpAndEachListenerHearsThemInOrder() {
		this.fleet.start(this.a, this.b);
		List<String> heard = new ArrayList<>();
		Dataset<String> notes = this.b.datasets().get("notes", String.class);
		notes.onUpdate(heard::add);
		for (String note : List.of("one", "two", "three")) {
			this.a.datasets().get("notes", String.class).publish(note);
		}
		assertThat(heard).containsExactly("one", "two", "three");
		assertThat(notes.revision()).isEqualTo(3);
		assertThat(notes.snapshot().orElseThrow().epoch()).isEqualTo(this.a.elector.epoch());
	}

	@Test
	void anInstanceThatMissedAnAnnouncementCatchesUpWithinTheVerifyInterval() {
		this.fleet.start(this.a, this.b);
		Dataset<String> notes = this.a.datasets().get("notes", String.class);
		Dataset<String> followed = this.b.datasets().get("notes", String.class);
		notes.publish("one");
		this.b.faults.announcementsLost(true);
		notes.publish("two");
		this.b.faults.announcementsLost(false);
		assertThat(followed.current()).contains("one");
		this.fleet.time.advance(VERIFY);
		assertThat(followed.current()).contains("two");
		assertThat(followed.revision()).isEqualTo(2);
	}

	@Test
	void aNewLeaderContinuesTheRevisionsAndNothingGoesBack() {
		this.fleet.start(this.a, this.b);
		this.a.datasets().get("notes", String.class).publish("one");
		assertThat(this.a.elector.stepDown()).isTrue();
		this.fleet.time.runDue();
		assertThat(this.b.elector.isLeader()).isTrue();
		assertThat(this.b.datasets().get("notes", String.class).publish("two")).isTrue();
		assertThat(this.a.datasets().get("notes", String.class).publish("stale")).isFalse();
		for (Node node : List.of(this.a, this.b)) {
			Snapshot<String> held = node.datasets().get("notes", String.class).snapshot().orElseThrow();
			assertThat(held.value()).isEqualTo("two");
			assertThat(held.revision()).isEqualTo(2);
		}
	}

	record Quote(String pair, @Nullable BigDecimal mid) {
	}

}
