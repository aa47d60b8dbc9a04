package dev.bellwether.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import dev.bellwether.test.RedisServer;

/**
 * Requests clients send to Redis, counted with {@code MONITOR}: commands that scripts run
 * inside Redis ({@code [0 lua]} in its output) are not requests and are left out.
 */
final class RedisLoad {

	private RedisLoad() {
	}

	/** Client requests per second per instance over a window. */
	static double perInstancePerSecond(RedisServer redis, int instances, long windowMillis) {
		long end = System.nanoTime() + windowMillis * 1_000_000;
		long requests = count(redis, () -> System.nanoTime() >= end);
		return requests / (windowMillis / 1000.0) / instances;
	}

	/**
	 * Client requests while some work runs, less those of a window as long right after
	 * it, with nothing running: what the work itself sent.
	 */
	static long requestsOf(RedisServer redis, Runnable work) {
		AtomicBoolean done = new AtomicBoolean();
		long[] took = new long[1];
		Thread worker = new Thread(() -> {
			long start = System.nanoTime();
			work.run();
			took[0] = System.nanoTime() - start;
			done.set(true);
		});
		long during = count(redis, () -> {
			if (worker.getState() == Thread.State.NEW) {
				worker.start();
			}
			return done.get();
		});
		long end = System.nanoTime() + took[0];
		return during - count(redis, () -> System.nanoTime() >= end);
	}

	/**
	 * Counts requests from the moment MONITOR answers until {@code over} says so, and 50
	 * ms more for what was still on its way.
	 */
	private static long count(RedisServer redis, BooleanSupplier over) {
		long[] deadline = { Long.MAX_VALUE };
		BooleanSupplier drained = () -> {
			if (deadline[0] == Long.MAX_VALUE && over.getAsBoolean()) {
				deadline[0] = System.nanoTime() + 50_000_000;
			}
			return System.nanoTime() >= deadline[0];
		};
		long requests = 0;
		try (Socket socket = new Socket("127.0.0.1", redis.port())) {
			socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			in.readLine();
			socket.setSoTimeout(5);
			while (!drained.getAsBoolean()) {
				String line;
				try {
					line = in.readLine();
				}
				catch (SocketTimeoutException ex) {
					continue;
				}
				if (line == null) {
					break;
				}
				if (line.startsWith("+") && !line.contains(" lua] ")) {
					requests++;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return requests;
	}

}
