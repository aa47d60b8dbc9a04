package dev.bellwether.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.bellwether.schedule.FleetScheduler;
import dev.bellwether.schedule.JobStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StalenessTests {

	private static final List<JobStatus> JOBS = List.of(job("rates", Duration.ofSeconds(2)),
			job("terms", Duration.ofMinutes(1)));

	@Test
	void defaultIsTtlPlusRenewIntervalPlusTwoIntervals() {
		Staleness staleness = staleness(new BellwetherProperties());
		assertThat(staleness.apply("rates"))
			.contains(Duration.ofSeconds(10).plus(Duration.ofSeconds(10).dividedBy(3)).plusSeconds(4));
		assertThat(staleness.apply("terms")).contains(Duration.ofSeconds(10 + 3).plusNanos(333_333_333).plusMinutes(2));
	}

	@Test
	void defaultFollowsTheLeaderProperties() {
		BellwetherProperties properties = new BellwetherProperties();
		properties.getLeader().setTtl(Duration.ofSeconds(6));
		properties.getLeader().setRenewInterval(Duration.ofSeconds(1));
		assertThat(staleness(properties).apply("rates")).contains(Duration.ofSeconds(6 + 1 + 4));
	}

	@Test
	void defaultOutlastsACrashFailoverOfTheLeader() {
		Duration interval = Duration.ofSeconds(2);
		Duration ttl = Duration.ofSeconds(10);
		// the leader dies just before its next run; its key lives on for a ttl; the new
		// leader runs at once and its run takes up to an interval
		Duration oldestSeenByASurvivor = interval.plus(ttl).plus(interval);
		assertThat(staleness(new BellwetherProperties()).apply("rates").orElseThrow())
			.isGreaterThan(oldestSeenByASurvivor);
	}

	@Test
	void maxStalenessOverridesTheDefault() {
		BellwetherProperties properties = new BellwetherProperties();
		properties.getHealth().setMaxStaleness(Duration.ofMinutes(5));
		assertThat(staleness(properties).apply("rates")).contains(Duration.ofMinutes(5));
		assertThat(staleness(properties).apply("published-elsewhere")).contains(Duration.ofMinutes(5));
	}

	@Test
	void datasetWithoutAJobHasNoLimitByDefault() {
		assertThat(staleness(new BellwetherProperties()).apply("published-elsewhere")).isEmpty();
		assertThat(
				new Staleness(new BellwetherSettings(new BellwetherProperties()), (FleetScheduler) null).apply("rates"))
			.isEmpty();
	}

	@Test
	void datasetOfAPausedJobHasNoLimitEvenWithMaxStaleness() {
		BellwetherProperties properties = new BellwetherProperties();
		properties.getHealth().setMaxStaleness(Duration.ofMinutes(5));
		JobStatus paused = new JobStatus("rates", "rates", Duration.ofSeconds(2), Map.of(), null, null, null, true);
		assertThat(new Staleness(new BellwetherSettings(properties), () -> List.of(paused)).apply("rates")).isEmpty();
		assertThat(
				new Staleness(new BellwetherSettings(new BellwetherProperties()), () -> List.of(paused)).apply("rates"))
			.isEmpty();
	}

	private static Staleness staleness(BellwetherProperties properties) {
		return new Staleness(new BellwetherSettings(properties), () -> JOBS);
	}

	private static JobStatus job(String publish, Duration interval) {
		return new JobStatus(publish, publish, interval, Map.of(), null, null, null, false);
	}

}
