package dev.bellwether.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

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
		long requests = 0;
		try (Socket socket = new Socket("127.0.0.1", redis.port())) {
			socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			in.readLine();
			long end = System.nanoTime() + windowMillis * 1_000_000;
			while (System.nanoTime() < end) {
				socket.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
				String line;
				try {
					line = in.readLine();
				}
				catch (SocketTimeoutException ex) {
					break;
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
		return requests / (windowMillis / 1000.0) / instances;
	}

}
