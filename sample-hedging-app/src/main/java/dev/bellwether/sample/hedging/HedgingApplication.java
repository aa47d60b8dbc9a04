package dev.bellwether.sample.hedging;

import dev.bellwether.test.EmbeddedRedisFallback;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A hedging service whose FX rates and payment terms are refreshed by one leader for the
 * whole fleet.
 */
@SpringBootApplication
public class HedgingApplication {

	public static void main(String[] args) {
		new SpringApplicationBuilder(HedgingApplication.class).initializers(new EmbeddedRedisFallback()).run(args);
	}

}
