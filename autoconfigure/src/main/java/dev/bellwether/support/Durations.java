package dev.bellwether.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Prints durations as people write them in properties and logs: {@code 10s},
 * {@code 500ms}, {@code 5m}, {@code 3.333s}, rather than {@code PT3.333333333S}.
 */
public final class Durations {

	private static final long[] UNIT_SECONDS = { 86_400, 3_600, 60 };

	private static final String[] UNIT_SUFFIXES = { "d", "h", "m" };

	private Durations() {
	}

	/**
	 * Formats a duration: in the largest of days, hours or minutes that divides it
	 * exactly; else in seconds to the millisecond from one second up, else in
	 * milliseconds.
	 * @param duration the duration
	 * @return the duration as text, such as {@code 10s}, {@code 3.333s} or {@code 500ms}
	 */
	public static String format(Duration duration) {
		Assert.notNull(duration, "'duration' must not be null");
		if (duration.isNegative()) {
			return "-" + format(duration.negated());
		}
		if (duration.isZero()) {
			return "0s";
		}
		long seconds = duration.getSeconds();
		int nanos = duration.getNano();
		if (nanos == 0) {
			for (int i = 0; i < UNIT_SECONDS.length; i++) {
				if (seconds % UNIT_SECONDS[i] == 0) {
					return (seconds / UNIT_SECONDS[i]) + UNIT_SUFFIXES[i];
				}
			}
		}
		if (seconds > 0) {
			BigDecimal exact = BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(nanos, 9));
			return plain(exact.setScale(3, RoundingMode.HALF_UP)) + "s";
		}
		return plain(BigDecimal.valueOf(nanos, 6)) + "ms";
	}

	private static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

}
