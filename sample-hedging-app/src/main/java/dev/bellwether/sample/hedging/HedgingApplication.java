package dev.bellwether.sample.hedging;

import java.util.List;
import java.util.stream.IntStream;

import dev.bellwether.test.DemoFleet;
import dev.bellwether.test.DemoFleet.Member;
import dev.bellwether.test.EmbeddedRedisFallback;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A hedging service whose FX rates and payment terms are refreshed by one leader for the
 * whole fleet.
 */
@SpringBootApplication
public class HedgingApplication {

	private static final String GUIDE = """
			Rates refresh every 10s for the whole fleet, terms every minute. Try:
			  curl -s localhost:8081/actuator/health | jq .components.bellwether.details   # who leads?
			  curl -s localhost:8082/api/rates/EURUSD                                      # any instance, same answer
			  curl -s localhost:8083/actuator/bellwether | jq .fleet                       # every member and its revision
			  curl -s localhost:8090/stats                                                 # one rates call per 10s
			Stop the leader (kill <pid>) or crash it (kill -9 <pid>) and watch another take over.""";

	/**
	 * Starts the service, or with {@code fleet} as the only argument a demo fleet: Redis,
	 * the fake upstream on port 8090 and three instances on ports 8081 to 8083.
	 * @param args the application arguments
	 */
	public static void main(String[] args) {
		if (args.length == 1 && args[0].equals("fleet")) {
			DemoFleet.run(new Member("upstream", 8090, List.of("--spring.profiles.active=upstream")), IntStream
				.rangeClosed(8081, 8083)
				.mapToObj((port) -> new Member("hedging-" + port, port,
						List.of("--bellwether.node-id=hedging-" + port, "--hedging.upstream.url=http://localhost:8090",
								"--hedging.rates.refresh-interval=10s", "--hedging.terms.refresh-interval=1m",
								"--bellwether.leader.ttl=5s")))
				.toList(), GUIDE);
			return;
		}
		new SpringApplicationBuilder(HedgingApplication.class).initializers(new EmbeddedRedisFallback()).run(args);
	}

}
