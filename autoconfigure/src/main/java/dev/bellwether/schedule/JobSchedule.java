package dev.bellwether.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.StringUtils;
import org.springframework.util.StringValueResolver;

/**
 * When a job runs, read from its {@link LeaderScheduled} annotation. All times are epoch
 * milliseconds by one clock: the store's for the fleet, the local one in
 * {@code every-instance} mode.
 */
final class JobSchedule {

	private final @Nullable Duration fixedRate;

	private final @Nullable Duration fixedDelay;

	private final @Nullable CronExpression cron;

	private final ZoneId zone;

	private final Duration initialDelay;

	private JobSchedule(@Nullable Duration fixedRate, @Nullable Duration fixedDelay, @Nullable CronExpression cron,
			ZoneId zone, Duration initialDelay) {
		this.fixedRate = fixedRate;
		this.fixedDelay = fixedDelay;
		this.cron = cron;
		this.zone = zone;
		this.initialDelay = initialDelay;
	}

	static JobSchedule of(LeaderScheduled annotation, StringValueResolver resolver, String job) {
		Duration fixedRate = duration(resolver, annotation.fixedRate(), "fixedRate", job);
		Duration fixedDelay = duration(resolver, annotation.fixedDelay(), "fixedDelay", job);
		String cron = resolve(resolver, annotation.cron());
		int kinds = ((fixedRate != null) ? 1 : 0) + ((fixedDelay != null) ? 1 : 0) + (cron.isEmpty() ? 0 : 1);
		if (kinds != 1) {
			throw new IllegalStateException(
					"@LeaderScheduled on " + job + " needs exactly one of fixedRate, fixedDelay and cron");
		}
		CronExpression expression = null;
		if (!cron.isEmpty()) {
			try {
				expression = CronExpression.parse(cron);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("@LeaderScheduled on " + job + " has an invalid cron '" + cron + "'",
						ex);
			}
		}
		String zone = resolve(resolver, annotation.zone());
		Duration initialDelay = duration(resolver, annotation.initialDelay(), "initialDelay", job);
		return new JobSchedule(fixedRate, fixedDelay, expression,
				zone.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(zone),
				(initialDelay != null) ? initialDelay : Duration.ZERO);
	}

	/**
	 * The start of the next run, for a leader that has just taken over: where the last
	 * run left the schedule (at once if overdue, but never before {@link #afterEnd} of
	 * that run if it ended), or after the initial delay if the job never ran.
	 */
	long next(long now, long lastStart, long lastFinish) {
		if (lastStart == 0) {
			return (this.cron != null) ? Math.max(now + this.initialDelay.toMillis(), nextCron(this.cron, now))
					: now + this.initialDelay.toMillis();
		}
		if (this.fixedDelay != null) {
			return ((lastFinish >= lastStart) ? lastFinish : lastStart) + this.fixedDelay.toMillis();
		}
		long next = afterStart(lastStart);
		return (lastFinish >= lastStart && next != Long.MAX_VALUE) ? Math.max(next, afterEnd(lastFinish)) : next;
	}

	/**
	 * The earliest start of a run after one that ended at the given time, whoever ran it:
	 * a fixed delay after it, else half an interval, so that the API never sees two runs'
	 * calls closer than that, however late the run ended.
	 */
	long afterEnd(long end) {
		return (this.fixedDelay != null) ? end + this.fixedDelay.toMillis() : end + interval(end).toMillis() / 2;
	}

	/** The start of the next run after one that started at the given time. */
	long afterStart(long start) {
		if (this.fixedRate != null) {
			return start + this.fixedRate.toMillis();
		}
		if (this.cron != null) {
			return nextCron(this.cron, start);
		}
		return Long.MAX_VALUE;
	}

	/** Whether the next run is planned when a run ends rather than when it starts. */
	boolean plansAfterFinish() {
		return this.fixedDelay != null;
	}

	/** The time between runs; for cron, between the next two. */
	Duration interval(long now) {
		if (this.cron != null) {
			long next = nextCron(this.cron, now);
			return Duration.ofMillis(nextCron(this.cron, next) - next);
		}
		return (this.fixedRate != null) ? this.fixedRate : Objects.requireNonNull(this.fixedDelay);
	}

	/** How long until the next run would start, at the earliest. */
	Duration window(long start) {
		return (this.fixedDelay != null) ? this.fixedDelay : Duration.ofMillis(Math.max(afterStart(start) - start, 1));
	}

	/**
	 * How long a run may retry: with a fixed delay, until the next run would start (it
	 * waits for this one to end); otherwise the first half of the interval, so that the
	 * API sees the run's last call at least half an interval before the next run's first.
	 */
	Duration retryWindow(long start) {
		Duration window = window(start);
		return (this.fixedDelay != null) ? window : window.dividedBy(2);
	}

	private long nextCron(CronExpression cron, long after) {
		ZonedDateTime next = cron.next(ZonedDateTime.ofInstant(Instant.ofEpochMilli(after), this.zone));
		return (next != null) ? next.toInstant().toEpochMilli() : Long.MAX_VALUE;
	}

	private static @Nullable Duration duration(StringValueResolver resolver, String value, String attribute,
			String job) {
		String resolved = resolve(resolver, value);
		if (resolved.isEmpty()) {
			return null;
		}
		Duration duration;
		try {
			duration = DurationStyle.detectAndParse(resolved);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("@LeaderScheduled on " + job + " has an invalid " + attribute + " '"
					+ resolved + "': use a duration such as 500ms, 30s, 5m or PT1H", ex);
		}
		if (duration.isNegative() || (duration.isZero() && !attribute.equals("initialDelay"))) {
			throw new IllegalStateException(
					"@LeaderScheduled on " + job + " has a " + attribute + " of " + resolved + ": it must be positive");
		}
		return duration;
	}

	private static String resolve(StringValueResolver resolver, String value) {
		if (!StringUtils.hasText(value)) {
			return "";
		}
		String resolved = resolver.resolveStringValue(value);
		return (resolved != null) ? resolved.trim() : "";
	}

}
