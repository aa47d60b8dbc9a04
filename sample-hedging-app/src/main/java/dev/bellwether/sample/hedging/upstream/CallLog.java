package dev.bellwether.sample.hedging.upstream;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The last calls the upstream served, each with the caller's fencing token, so that a
 * test can check after the fact how many calls each leader made and when. Thread-safe.
 */
public class CallLog {

	private static final int CAPACITY = 100_000;

	private final Deque<Call> calls = new ArrayDeque<>();

	private long sequence;

	/**
	 * Records a served call.
	 * @param path the path called, {@code /rates} or {@code /terms}
	 * @param at when the call arrived
	 * @param node the caller's node id, as it sent it
	 * @param epoch the caller's leadership epoch, as it sent it
	 * @param status the HTTP status it was answered with
	 */
	public synchronized void record(String path, Instant at, @Nullable String node, @Nullable Long epoch, int status) {
		if (this.calls.size() == CAPACITY) {
			this.calls.removeFirst();
		}
		this.calls.addLast(
				new Call(++this.sequence, path, at.toEpochMilli(), Instant.now().toEpochMilli(), node, epoch, status));
	}

	/**
	 * The recorded calls after a sequence number, oldest first.
	 * @param after the last sequence number already read, 0 for all
	 * @return the calls
	 */
	public synchronized List<Call> after(long after) {
		return this.calls.stream().filter((call) -> call.seq() > after).toList();
	}

	/**
	 * One served call, as {@code GET /calls} lists it.
	 *
	 * @param seq its sequence number, from 1
	 * @param path {@code /rates} or {@code /terms}
	 * @param at when it arrived, epoch milliseconds
	 * @param answeredAt when it was answered, epoch milliseconds
	 * @param node the {@code Bellwether-Node} header, if sent
	 * @param epoch the {@code Bellwether-Epoch} header, if sent
	 * @param status the HTTP status it was answered with
	 */
	public record Call(long seq, String path, long at, long answeredAt, @Nullable String node, @Nullable Long epoch,
			int status) {
	}

}
