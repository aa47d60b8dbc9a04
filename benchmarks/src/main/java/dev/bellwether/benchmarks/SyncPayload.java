package dev.bellwether.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What every system carries in the sync benchmark: a list of quotes (a realistic shape
 * for Jackson to decode), numbered, and stamped with the wall-clock time, in
 * microseconds, right before the publisher hands it to its client. Every receiver, in
 * this JVM or another one on the same machine, subtracts that stamp from its own clock
 * once the value is decoded and held: the same timing for every system.
 *
 * @param seq the publication's number
 * @param sentMicros wall-clock microseconds before the publisher encoded it
 * @param quotes the data
 */
public record SyncPayload(long seq, long sentMicros, List<Quote> quotes) {

	private static final String[] PAIRS = { "EURUSD", "USDJPY", "GBPUSD", "USDCHF", "AUDUSD", "USDCAD", "NZDUSD",
			"EURGBP" };

	/** About how many bytes one quote takes in JSON. */
	private static final int QUOTE_BYTES = 72;

	/**
	 * A payload of about the given encoded size, stamped now.
	 * @param seq its number
	 * @param bytes about how large its JSON is
	 * @return the payload
	 */
	public static SyncPayload of(long seq, int bytes) {
		int count = Math.max(1, bytes / QUOTE_BYTES);
		List<Quote> quotes = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			double mid = 1 + ((seq * 31 + i) % 1000) / 7919.0;
			quotes.add(new Quote(PAIRS[i % PAIRS.length], mid - 0.00005, mid + 0.00005, 1_764_000_000_000L + seq));
		}
		return new SyncPayload(seq, nowMicros(), quotes);
	}

	/**
	 * The wall clock in microseconds; on Linux the same clock for every process of the
	 * machine.
	 * @return microseconds since the epoch
	 */
	public static long nowMicros() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
	}

	/**
	 * One quote.
	 *
	 * @param pair the currency pair
	 * @param bid the bid
	 * @param ask the ask
	 * @param at when it was quoted, epoch milliseconds
	 */
	public record Quote(String pair, double bid, double ask, long at) {
	}

}
