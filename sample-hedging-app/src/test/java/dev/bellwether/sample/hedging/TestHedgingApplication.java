package dev.bellwether.sample.hedging;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;

/**
 * Starts the hedging service from the test classpath against Redis in a container (see
 * {@link RedisContainerConfiguration}), for development on a machine with Docker:
 * {@code ./mvnw -pl sample-hedging-app spring-boot:test-run}. The sample's embedded-Redis
 * fallback is switched off ({@code --embedded-redis.enabled=false}): the container makes
 * a local {@code redis-server} unnecessary.
 */
public final class TestHedgingApplication {

	private TestHedgingApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.from(HedgingApplication::main)
			.with(RedisContainerConfiguration.class)
			.run(append(args, "--embedded-redis.enabled=false"));
	}

	private static String[] append(String[] args, String arg) {
		String[] all = Arrays.copyOf(args, args.length + 1);
		all[args.length] = arg;
		return all;
	}

}
