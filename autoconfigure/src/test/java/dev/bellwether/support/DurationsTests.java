package dev.bellwether.support;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTests {

	@Test
	void printsWholeUnitsInTheLargestThatFits() {
		assertThat(Durations.format(Duration.ofSeconds(10))).isEqualTo("10s");
		assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
		assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
		assertThat(Durations.format(Duration.ofMinutes(150))).isEqualTo("150m");
		assertThat(Durations.format(Duration.ofHours(36))).isEqualTo("36h");
		assertThat(Durations.format(Duration.ofDays(2))).isEqualTo("2d");
	}

	@Test
	void printsFractionsOfSecondsToTheMillisecond() {
		assertThat(Durations.format(Duration.ofSeconds(10).dividedBy(3))).isEqualTo("3.333s");
		assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
		assertThat(Durations.format(Duration.ofMillis(60_250))).isEqualTo("60.25s");
	}

	@Test
	void printsLessThanASecondInMilliseconds() {
		assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
		assertThat(Durations.format(Duration.ofNanos(1_250_000))).isEqualTo("1.25ms");
		assertThat(Durations.format(Duration.ofNanos(1))).isEqualTo("0.000001ms");
	}

	@Test
	void printsZeroAndNegativeDurations() {
		assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
		assertThat(Durations.format(Duration.ofSeconds(-5))).isEqualTo("-5s");
		assertThat(Durations.format(Duration.ofMillis(-200))).isEqualTo("-200ms");
	}

}
