package dev.bellwether.chaos;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bellwether.chaos.History.Call;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker's reading of upstream calls, on hand-made histories: the rate-limited API
 * counts every answered call, so two answered calls of one dataset closer than half an
 * interval are a violation whoever made them, and an interval without one is tallied.
 */
class CheckerTests {

	private static final String CLOSE = "answered upstream calls of one dataset less than half an interval apart";

	private static final String MISSED = "intervals without an answered upstream call";

	private final History history = new History();

	@Test
	void twoAnsweredCallsOfOneLeaderCloserThanHalfAnIntervalAreAViolation() {
		call(0, "rates", "node-1", 7, 200);
		call(1000, "rates", "node-1", 7, 200);
		call(1400, "rates", "node-1", 7, 200);
		Finding close = finding(CLOSE);
		assertThat(close.isTally()).isFalse();
		assertThat(close.checked()).isEqualTo(2);
		assertThat(close.violations()).isEqualTo(1);
		assertThat(close.examples()).singleElement()
			.isEqualTo("rates: node-1#7 then node-1#7 400 ms apart; faults: none");
	}

	@Test
	void twoAnsweredCallsOfTwoLeadersCloserThanHalfAnIntervalAreAViolation() {
		call(0, "rates", "node-1", 7, 200);
		call(499, "rates", "node-2", 8, 200);
		assertThat(finding(CLOSE).violations()).isEqualTo(1);
	}

	@Test
	void failedCallsAndOtherDatasetsCallsDoNotCount() {
		call(0, "rates", "node-1", 7, 200);
		call(100, "terms", "node-1", 7, 200);
		call(200, "rates", "node-2", 8, 503);
		call(500, "rates", "node-2", 8, 200);
		Finding close = finding(CLOSE);
		assertThat(close.checked()).isEqualTo(1);
		assertThat(close.violations()).isZero();
	}

	@Test
	void intervalsWithoutAnAnsweredCallAreTalliedNotViolations() {
		call(0, "rates", "node-1", 7, 200);
		call(3000, "rates", "node-2", 8, 200);
		Finding missed = finding(MISSED);
		assertThat(missed.isTally()).isTrue();
		assertThat(missed.violations()).isEqualTo(2);
		assertThat(finding(CLOSE).violations()).isZero();
	}

	private void call(long at, String dataset, String node, long epoch, int status) {
		this.history.add(new Call(at, dataset, node, epoch, status));
	}

	private Finding finding(String invariant) {
		return new Checker(this.history, Map.of("rates", 1000L, "terms", 5000L), 3000).check()
			.stream()
			.filter((finding) -> finding.invariant().equals(invariant))
			.findFirst()
			.orElseThrow();
	}

}
