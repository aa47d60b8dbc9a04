package dev.bellwether.leader;

/**
 * A monotonic time source in nanoseconds, as {@link System#nanoTime()} is: only the
 * difference between two readings means something. Injected so that tests can move time
 * themselves.
 */
@FunctionalInterface
public interface Ticker {

	/**
	 * Reads the time.
	 * @return the time in nanoseconds since an arbitrary origin
	 */
	long read();

	/**
	 * The system's monotonic clock.
	 * @return a ticker reading {@link System#nanoTime()}
	 */
	static Ticker system() {
		return System::nanoTime;
	}

}
