package dev.bellwether.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bellwether.data.Dataset;
import dev.bellwether.data.Datasets;
import dev.bellwether.data.Snapshot;
import dev.bellwether.leader.Leadership;
import dev.bellwether.spi.DatasetStore;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

class BellwetherHealthIndicatorTests {

	private static final Duration MAX_STALENESS = Duration.ofSeconds(17);

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-21T06:10:00Z"));

	private final Leadership leadership = mock(Leadership.class);

	private final Datasets datasets = mock(Datasets.class);

	private final DatasetStore store = mock(DatasetStore.class);

	@SuppressWarnings("unchecked")
	private final Dataset<String> rates = mock(Dataset.class);

	BellwetherHealthIndicatorTests() {
		given(this.leadership.nodeId()).willReturn("pod-1");
		given(this.leadership.leaderId()).willReturn(Optional.of("pod-2"));
		given(this.rates.name()).willReturn("rates");
		given(this.rates.snapshot()).willReturn(Optional.empty());
		given(this.datasets.all()).willReturn(List.of(this.rates));
		storeHolds(0);
	}

	@Test
	void neverPublishedDatasetIsNotFreshButUpDuringTheColdStart() {
		BellwetherHealthIndicator indicator = indicator(Optional.of(MAX_STALENESS));
		this.clock.advance(MAX_STALENESS);
		Health health = indicator.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails().get("datasets"))
			.isEqualTo(Map.of("rates", Map.of("revision", 0L, "fresh", false)));
	}

	@Test
	void neverPublishedDatasetIsDownOnceItCouldHaveBeenPublished() {
		BellwetherHealthIndicator indicator = indicator(Optional.of(MAX_STALENESS));
		this.clock.advance(MAX_STALENESS.plusMillis(1));
		assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void neverPublishedDatasetWithoutAStalenessBoundStaysUp() {
		BellwetherHealthIndicator indicator = indicator(Optional.empty());
		this.clock.advance(Duration.ofDays(1));
		assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void datasetThatRedisHoldsButThisInstanceNotIsDown() {
		storeHolds(4);
		Health health = indicator(Optional.of(MAX_STALENESS)).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("datasets"))
			.isEqualTo(Map.of("rates", Map.of("revision", 0L, "fresh", false)));
	}

	@Test
	void publishedDatasetIsFreshUntilItOutgrowsItsBound() {
		given(this.rates.snapshot())
			.willReturn(Optional.of(new Snapshot<>("1.0842", "s1", 4, 2, this.clock.instant())));
		BellwetherHealthIndicator indicator = indicator(Optional.of(MAX_STALENESS));
		this.clock.advance(MAX_STALENESS);
		assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
		this.clock.advance(Duration.ofMillis(1));
		Health health = indicator.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("datasets")).extracting("rates")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("revision", 4L)
			.containsEntry("fresh", false);
	}

	@Test
	void redisThatDidNotAnswerItsLastCallIsDownAndTheDataStaysAsHeld() {
		given(this.rates.snapshot())
			.willReturn(Optional.of(new Snapshot<>("1.0842", "s1", 4, 2, this.clock.instant())));
		given(this.store.observed(anyList())).willReturn(new DatasetStore.Observation(false, null));
		Health health = indicator(Optional.of(MAX_STALENESS)).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("redis", "DOWN");
		assertThat(health.getDetails().get("datasets")).extracting("rates")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("revision", 4L)
			.containsEntry("fresh", true);
		then(this.store).should(never()).state(anyList());
	}

	private void storeHolds(long revision) {
		given(this.store.observed(anyList()))
			.willReturn(new DatasetStore.Observation(true, new DatasetStore.State("s1", Map.of("rates", revision))));
	}

	private BellwetherHealthIndicator indicator(Optional<Duration> maxStaleness) {
		return new BellwetherHealthIndicator(this.leadership, this.datasets, this.store, (name) -> maxStaleness,
				this.clock);
	}

	private static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
