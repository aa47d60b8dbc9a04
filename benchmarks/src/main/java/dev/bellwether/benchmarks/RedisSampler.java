package dev.bellwether.benchmarks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.bellwether.test.RedisServer;
import io.lettuce.core.RedisException;

/**
 * Reads a redis-server's memory and its clients' output buffers every 20 ms, on a thread
 * of its own, and keeps the peaks, and how long Redis took to answer.
 */
final class RedisSampler implements AutoCloseable {

	private static final Pattern OMEM = Pattern.compile("omem=(\\d+)");

	private final RedisServer redis;

	private final Thread thread;

	private volatile boolean running = true;

	private volatile long peakUsedMemory;

	private volatile long peakOutputBuffer;

	private volatile long peakOutputBuffers;

	private volatile long slowestAnswerNanos;

	private volatile int unanswered;

	RedisSampler(RedisServer redis) {
		this.redis = redis;
		this.thread = new Thread(this::sample, "redis-sampler");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * A figure of a section of {@code INFO}.
	 * @param redis the server
	 * @param section the section
	 * @param field the figure's name
	 * @return its value, or {@code -1} if this server has none
	 */
	static long stat(RedisServer redis, String section, String field) {
		Matcher matcher = Pattern.compile("(?m)^" + field + ":(\\d+)").matcher(redis.commands().info(section));
		return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
	}

	private void sample() {
		while (this.running) {
			long asked = System.nanoTime();
			try {
				this.peakUsedMemory = Math.max(this.peakUsedMemory, stat(this.redis, "memory", "used_memory"));
				this.slowestAnswerNanos = Math.max(this.slowestAnswerNanos, System.nanoTime() - asked);
				long largest = 0;
				long sum = 0;
				Matcher matcher = OMEM.matcher(this.redis.commands().clientList());
				while (matcher.find()) {
					long omem = Long.parseLong(matcher.group(1));
					largest = Math.max(largest, omem);
					sum += omem;
				}
				this.peakOutputBuffer = Math.max(this.peakOutputBuffer, largest);
				this.peakOutputBuffers = Math.max(this.peakOutputBuffers, sum);
			}
			catch (RedisException ex) {
				// Redis did not answer within the client's timeout (5 s)
				this.unanswered++;
				this.slowestAnswerNanos = Math.max(this.slowestAnswerNanos, System.nanoTime() - asked);
			}
			Fleet.pause(20);
		}
	}

	/** The longest a sample's {@code INFO} waited for its answer, in milliseconds. */
	long slowestAnswerMillis() {
		return this.slowestAnswerNanos / 1_000_000;
	}

	/** Samples Redis did not answer within the client's timeout. */
	int unanswered() {
		return this.unanswered;
	}

	long peakUsedMemory() {
		return this.peakUsedMemory;
	}

	long peakOutputBuffer() {
		return this.peakOutputBuffer;
	}

	long peakOutputBuffers() {
		return this.peakOutputBuffers;
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.thread.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
