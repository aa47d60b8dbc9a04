package dev.bellwether.sample.hedging.market;

import java.time.Instant;
import java.util.Map;

/**
 * Every customer's terms at one instant, as the upstream served them.
 *
 * @param asOf when the upstream served them
 * @param customers terms by customer id
 */
public record PaymentTerms(Instant asOf, Map<String, CustomerTerms> customers) {
}
