package dev.bellwether.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import tools.jackson.databind.json.JsonMapper;

/**
 * What the large-dataset benchmark publishes: a price book, a map of instrument to its
 * record (random prices, yields, currencies, venues and times, as a real book's vary),
 * numbered and stamped like {@link SyncPayload}.
 *
 * @param seq the publication's number
 * @param sentMicros wall-clock microseconds right before the leader published it
 * @param instruments the records by instrument id
 */
public record Book(long seq, long sentMicros, Map<String, Instrument> instruments) {

	private static final String[] CURRENCIES = { "EUR", "USD", "GBP", "CHF", "JPY" };

	private static final String[] VENUES = { "XLON", "XPAR", "XETR", "XNYS", "XTKS", "XSWX" };

	/** How many bytes one instrument takes in JSON, measured once. */
	private static final int INSTRUMENT_BYTES = JsonMapper.shared().writeValueAsBytes(of(0, 0, 100)).length / 100;

	/**
	 * A book of about the given encoded size, not stamped yet.
	 * @param seq its number
	 * @param bytes about how large its JSON is
	 * @return the book
	 */
	public static Book of(long seq, int bytes) {
		return of(seq, 0, Math.max(1, bytes / INSTRUMENT_BYTES));
	}

	private static Book of(long seq, long sentMicros, int count) {
		Map<String, Instrument> instruments = new LinkedHashMap<>();
		Random random = new Random(seq);
		for (int i = 0; i < count; i++) {
			double price = Math.round((80 + 40 * random.nextDouble()) * 10_000) / 10_000.0;
			double yield = Math.round(random.nextDouble() * 0.08 * 1_000_000) / 1_000_000.0;
			instruments.put(String.format("XS%010d", i),
					new Instrument(CURRENCIES[random.nextInt(CURRENCIES.length)], price, yield,
							VENUES[random.nextInt(VENUES.length)], 1_764_000_000_000L + random.nextInt(86_400_000)));
		}
		return new Book(seq, sentMicros, instruments);
	}

	/**
	 * This book stamped now, as the leader publishes it.
	 * @return the stamped book
	 */
	public Book stamped() {
		return new Book(this.seq, SyncPayload.nowMicros(), this.instruments);
	}

	/**
	 * One instrument's record.
	 *
	 * @param currency its currency
	 * @param price its price
	 * @param yield its yield
	 * @param venue where it trades
	 * @param updatedAt when it was priced, epoch milliseconds
	 */
	public record Instrument(String currency, double price, double yield, String venue, long updatedAt) {
	}

}
