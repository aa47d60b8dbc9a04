package dev.bellwether.autoconfigure;

/**
 * A {@code bellwether.*} property has a value Bellwether cannot work with.
 */
public class InvalidBellwetherPropertyException extends RuntimeException {

	private final String property;

	private final String action;

	InvalidBellwetherPropertyException(String property, Object value, String problem, String action) {
		super("Invalid value '" + value + "' for '" + property + "': " + problem);
		this.property = property;
		this.action = action;
	}

	/**
	 * The full name of the property at fault.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * What to change to fix it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
