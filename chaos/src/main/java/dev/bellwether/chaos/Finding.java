package dev.bellwether.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One invariant over a run (or, for a tally, one kind of event that is not a violation):
 * how often it was checked, how often it was violated, and the first violations,
 * described.
 */
final class Finding {

	private static final int EXAMPLES = 10;

	private final String invariant;

	private final boolean tally;

	private long checked;

	private long violations;

	private final List<String> examples = new ArrayList<>();

	private Finding(String invariant, boolean tally) {
		this.invariant = invariant;
		this.tally = tally;
	}

	static Finding invariant(String invariant) {
		return new Finding(invariant, false);
	}

	/**
	 * A count of events that are not violations but are reported with their causes.
	 * @param what the events
	 * @return the tally
	 */
	static Finding tally(String what) {
		return new Finding(what, true);
	}

	void check(boolean holds, Supplier<String> violation) {
		this.checked++;
		if (!holds) {
			this.violations++;
			if (this.examples.size() < EXAMPLES) {
				this.examples.add(violation.get());
			}
		}
	}

	String invariant() {
		return this.invariant;
	}

	long checked() {
		return this.checked;
	}

	long violations() {
		return this.violations;
	}

	List<String> examples() {
		return this.examples;
	}

	boolean isTally() {
		return this.tally;
	}

}
