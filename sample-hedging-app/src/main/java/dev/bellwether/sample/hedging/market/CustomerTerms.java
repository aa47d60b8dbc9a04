package dev.bellwether.sample.hedging.market;

import java.math.BigDecimal;

/**
 * A customer's payment terms and hedging policy.
 *
 * @param customer the customer id
 * @param name the customer's name
 * @param paymentDays days until the customer pays
 * @param hedgeRatio the share of an exposure to hedge, 0 to 1
 * @param creditLimit the largest hedge allowed, in {@code currency}
 * @param currency the customer's home currency
 */
public record CustomerTerms(String customer, String name, int paymentDays, BigDecimal hedgeRatio,
		BigDecimal creditLimit, String currency) {
}
