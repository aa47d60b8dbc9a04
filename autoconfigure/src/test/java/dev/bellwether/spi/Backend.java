package dev.bellwether.spi;

/**
 * A backend the store contracts run against: a new one (or a new Redis topology) is one
 * small subclass.
 */
abstract class Backend implements AutoCloseable {

	/**
	 * Stores of a group as one more instance of the fleet sees them: stores of the same
	 * group share their state and hear each other's announcements.
	 */
	abstract Stores stores(String group);

	/** Empties the store, as a restart without persistence. */
	abstract void empty();

	/** Lets go of the stores made since the last call. */
	void release() {
	}

	@Override
	public void close() {
		release();
	}

}
