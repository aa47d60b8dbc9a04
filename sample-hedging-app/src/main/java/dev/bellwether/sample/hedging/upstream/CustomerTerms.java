package dev.bellwether.sample.hedging.upstream;

import java.math.BigDecimal;

/**
 * The payment and hedging terms agreed with one customer.
 *
 * @param customer the customer's id, such as {@code C0001}
 * @param name the customer's company name
 * @param paymentDays days the customer has to pay an invoice
 * @param hedgeRatio share of the customer's exposure to hedge, between 0 and 1
 * @param creditLimit the customer's credit limit, in {@code currency}
 * @param currency ISO 4217 code of the currency the customer is invoiced in
 */
public record CustomerTerms(String customer, String name, int paymentDays, BigDecimal hedgeRatio,
		BigDecimal creditLimit, String currency) {

}
