package dev.bellwether.sample.hedging.upstream;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A fixed set of customers with plausible terms, generated from a seed: the same seed
 * always gives the same customers, so they are stable across restarts. Beside them, the
 * customers outside the daily batch, {@code D0001} to {@code D9999}, whose terms are only
 * served one at a time, on demand. Immutable.
 */
public class CustomerBook {

	private static final List<String> BRANDS = List.of("Northwind", "Bluewater", "Harbor", "Alpine", "Meridian",
			"Crescent", "Summit", "Ironbridge", "Silverline", "Redwood", "Oakridge", "Brightstone", "Evergreen",
			"Highfield", "Kingsway", "Lakeshore", "Granite", "Sterling", "Pioneer", "Atlas", "Falcon", "Horizon",
			"Cobalt", "Juniper");

	private static final List<String> TRADES = List.of("Logistics", "Foods", "Textiles", "Machinery", "Chemicals",
			"Electronics", "Pharma", "Shipping", "Timber", "Steel", "Packaging", "Instruments", "Motors", "Agritech",
			"Ceramics", "Apparel", "Trading", "Energy", "Components", "Optics");

	private static final List<LegalForm> LEGAL_FORMS = List.of(new LegalForm("GmbH", "EUR"),
			new LegalForm("S.A.", "EUR"), new LegalForm("B.V.", "EUR"), new LegalForm("S.p.A.", "EUR"),
			new LegalForm("Ltd", "GBP"), new LegalForm("plc", "GBP"), new LegalForm("Inc.", "USD"),
			new LegalForm("LLC", "USD"), new LegalForm("AG", "CHF"), new LegalForm("K.K.", "JPY"),
			new LegalForm("AB", "SEK"), new LegalForm("AS", "NOK"), new LegalForm("A/S", "DKK"),
			new LegalForm("Pty Ltd", "AUD"), new LegalForm("Corp.", "CAD"), new LegalForm("Pte. Ltd.", "SGD"));

	private static final List<Integer> PAYMENT_DAYS = List.of(14, 30, 30, 45, 60, 60, 90);

	private static final Pattern ON_DEMAND = Pattern.compile("D[0-9]{4}");

	private final Map<String, CustomerTerms> customers;

	private final long seed;

	/**
	 * Generates the customers.
	 * @param seed the seed the customers are generated from
	 * @param size how many customers to generate, with ids {@code C0001} upwards
	 */
	public CustomerBook(long seed, int size) {
		Random random = new Random(seed);
		Set<String> names = new HashSet<>();
		Map<String, CustomerTerms> customers = new LinkedHashMap<>();
		for (int i = 1; i <= size; i++) {
			String id = String.format("C%04d", i);
			LegalForm legalForm = pick(random, LEGAL_FORMS);
			String name;
			do {
				name = name(random, legalForm);
			}
			while (!names.add(name));
			customers.put(id, terms(random, id, name, legalForm));
		}
		this.customers = Collections.unmodifiableMap(customers);
		this.seed = seed;
	}

	/**
	 * Returns every customer's terms.
	 * @return terms by customer id, in id order
	 */
	public Map<String, CustomerTerms> customers() {
		return this.customers;
	}

	/**
	 * Returns one customer's terms: one of the batch, or one outside it.
	 * @param id the customer id
	 * @return the terms, empty for an unknown customer
	 */
	public Optional<CustomerTerms> customer(String id) {
		CustomerTerms terms = this.customers.get(id);
		if (terms == null && ON_DEMAND.matcher(id).matches()) {
			terms = generate(new Random(this.seed * 31 + id.hashCode()), id);
		}
		return Optional.ofNullable(terms);
	}

	private static CustomerTerms generate(Random random, String id) {
		LegalForm legalForm = pick(random, LEGAL_FORMS);
		return terms(random, id, name(random, legalForm), legalForm);
	}

	private static String name(Random random, LegalForm legalForm) {
		return pick(random, BRANDS) + " " + pick(random, TRADES) + " " + legalForm.suffix();
	}

	private static CustomerTerms terms(Random random, String id, String name, LegalForm legalForm) {
		int paymentDays = pick(random, PAYMENT_DAYS);
		BigDecimal hedgeRatio = BigDecimal.valueOf(50 + 5 * random.nextInt(11), 2);
		BigDecimal creditLimit = BigDecimal.valueOf(250_000L * (1 + random.nextInt(40)));
		return new CustomerTerms(id, name, paymentDays, hedgeRatio, creditLimit, legalForm.currency());
	}

	private static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	private record LegalForm(String suffix, String currency) {

	}

}
