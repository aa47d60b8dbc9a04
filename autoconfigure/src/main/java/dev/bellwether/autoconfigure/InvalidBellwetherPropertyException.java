package dev.bellwether.autoconfigure;

/**
 * A {@code bellwether.*} property has a value Bellwether cannot work with, or the
 * application's Redis client is not one it can use.
 */
final class InvalidBellwetherPropertyException extends RuntimeException {

	private final String property;

	private final String action;

	InvalidBellwetherPropertyException(String property, Object value, String problem, String action) {
		this(property, "Invalid value '" + value + "' for '" + property + "': " + problem, action);
	}

	private InvalidBellwetherPropertyException(String property, String message, String action) {
		super(message);
		this.property = property;
		this.action = action;
	}

	/**
	 * The application's Redis client is not Lettuce, which Bellwether talks to Redis
	 * through.
	 * @param client the connection factory the application has
	 * @return the exception, about {@code spring.data.redis.client-type}
	 */
	static InvalidBellwetherPropertyException notLettuce(Object client) {
		return new InvalidBellwetherPropertyException("spring.data.redis.client-type",
				"Bellwether talks to Redis through Lettuce, Spring Boot's default client, and the application's"
						+ " RedisConnectionFactory is a " + client.getClass().getName(),
				"Use Lettuce: keep io.lettuce:lettuce-core on the classpath (spring-boot-starter-data-redis brings"
						+ " it; remove an exclusion of it) and spring.data.redis.client-type unset or 'lettuce'.");
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
