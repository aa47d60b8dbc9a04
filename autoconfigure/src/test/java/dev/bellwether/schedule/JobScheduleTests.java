package dev.bellwether.schedule;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.StringValueResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JobScheduleTests {

	private static final long NOW = ZonedDateTime.of(2026, 11, 21, 10, 0, 0, 0, ZoneOffset.UTC)
		.toInstant()
		.toEpochMilli();

	private final MockEnvironment environment = new MockEnvironment().withProperty("rates.interval", "5m");

	private final StringValueResolver resolver = this.environment::resolvePlaceholders;

	@Test
	void fixedRateContinuesFromTheLastStartOfTheFleet() {
		JobSchedule schedule = schedule("fixedRate");
		assertThat(schedule.next(NOW, NOW - 60_000, NOW - 59_000)).isEqualTo(NOW + 240_000);
		assertThat(schedule.afterStart(NOW)).isEqualTo(NOW + 300_000);
		assertThat(schedule.window(NOW)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void aRunThatEndedLateKeepsTheNextHalfAnIntervalAfterItsEndWhoeverRunsIt() {
		JobSchedule schedule = schedule("fixedRate");
		assertThat(schedule.next(NOW, NOW - 60_000, NOW + 200_000)).as("ended 4 min 20 s after it started")
			.isEqualTo(NOW + 350_000);
		assertThat(schedule.next(NOW, NOW - 60_000, NOW - 120_000)).as("the previous run's end")
			.isEqualTo(NOW + 240_000);
		assertThat(schedule.afterEnd(NOW)).isEqualTo(NOW + 150_000);
		assertThat(schedule("cron").next(NOW + 5_000, NOW, NOW + 600_000)).isEqualTo(NOW + 1_050_000);
	}

	@Test
	void anOverdueRunIsDueAtOnce() {
		assertThat(schedule("fixedRate").next(NOW, NOW - 3_600_000, 0)).isLessThan(NOW);
	}

	@Test
	void aJobThatNeverRanWaitsForItsInitialDelay() {
		assertThat(schedule("fixedRate").next(NOW, 0, 0)).isEqualTo(NOW + 1_000);
		assertThat(schedule("noInitialDelay").next(NOW, 0, 0)).isEqualTo(NOW);
	}

	@Test
	void fixedDelayCountsFromTheEndOfTheLastRun() {
		JobSchedule schedule = schedule("fixedDelay");
		assertThat(schedule.plansAfterFinish()).isTrue();
		assertThat(schedule.next(NOW, NOW - 50_000, NOW - 20_000)).isEqualTo(NOW + 10_000);
		assertThat(schedule.next(NOW, NOW - 50_000, NOW - 90_000)).as("a run that never finished")
			.isEqualTo(NOW - 20_000);
		assertThat(schedule.afterEnd(NOW)).isEqualTo(NOW + 30_000);
	}

	@Test
	void cronRunsAtTheNextMatchAfterTheLastStart() {
		JobSchedule schedule = schedule("cron");
		assertThat(schedule.next(NOW + 5_000, NOW, NOW + 1_000)).isEqualTo(NOW + 900_000);
		assertThat(schedule.next(NOW + 5_000, 0, 0)).isEqualTo(NOW + 900_000);
		assertThat(schedule.window(NOW)).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void rejectsTwoKindsOfSchedule() {
		assertThatIllegalStateException().isThrownBy(() -> schedule("both"))
			.withMessageContaining("exactly one of fixedRate, fixedDelay and cron");
	}

	@Test
	void rejectsABadDurationNamingTheMethod() {
		assertThatIllegalStateException().isThrownBy(() -> schedule("bad"))
			.withMessageContaining("bad()")
			.withMessageContaining("invalid fixedRate 'soon'");
	}

	@Test
	void rejectsAnUnresolvedPlaceholder() {
		assertThatIllegalStateException().isThrownBy(() -> schedule("unresolved"))
			.withMessageContaining("${missing.interval}");
	}

	@Test
	void rejectsABadCron() {
		assertThatIllegalStateException().isThrownBy(() -> schedule("badCron")).withMessageContaining("invalid cron");
	}

	private JobSchedule schedule(String method) {
		try {
			LeaderScheduled annotation = Jobs.class.getDeclaredMethod(method).getAnnotation(LeaderScheduled.class);
			return JobSchedule.of(annotation, this.resolver, method + "()");
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static class Jobs {

		@LeaderScheduled(fixedRate = "${rates.interval}", initialDelay = "1s")
		void fixedRate() {
		}

		@LeaderScheduled(fixedRate = "PT1H")
		void noInitialDelay() {
		}

		@LeaderScheduled(fixedDelay = "30000")
		void fixedDelay() {
		}

		@LeaderScheduled(cron = "0 */15 * * * *", zone = "UTC")
		void cron() {
		}

		@LeaderScheduled(fixedRate = "1s", cron = "0 * * * * *")
		void both() {
		}

		@LeaderScheduled(fixedRate = "soon")
		void bad() {
		}

		@LeaderScheduled(fixedRate = "${missing.interval}")
		void unresolved() {
		}

		@LeaderScheduled(cron = "every day")
		void badCron() {
		}

	}

}
