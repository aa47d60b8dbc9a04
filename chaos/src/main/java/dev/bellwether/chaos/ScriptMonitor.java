package dev.bellwether.chaos;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjIntConsumer;

/**
 * Tells which redis-server ran each {@code PUBLISH} of the library's scripts, from
 * {@code MONITOR} on every node: a node lists the commands a script runs on it
 * ({@code [0 lua] "PUBLISH" ...}), and not a message that another node passed on to it
 * over a Cluster's bus. A connection that breaks (a killed node) is opened again every
 * tenth of a second, so that a restarted node is monitored again within a tenth of a
 * second of its start.
 */
final class ScriptMonitor implements AutoCloseable {

	private static final long RECONNECT_MILLIS = 100;

	/** What {@code MONITOR} puts before a command that a script ran. */
	private static final String FROM_SCRIPT = " lua] \"";

	/** The command and its channel, as {@code MONITOR} quotes them. */
	private final String publish;

	private final ObjIntConsumer<String> ran;

	private final ScheduledExecutorService threads;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	/**
	 * Monitors every node.
	 * @param ports the nodes' ports on 127.0.0.1
	 * @param channel the channel whose publications count
	 * @param ran told the header (the message's first line) of each publication and the
	 * port of the node that ran it
	 */
	ScriptMonitor(List<Integer> ports, String channel, ObjIntConsumer<String> ran) {
		this.publish = "publish\" \"" + channel + "\" \"";
		this.ran = ran;
		this.threads = Executors.newScheduledThreadPool(ports.size(), (task) -> {
			Thread thread = new Thread(task, "script-monitor");
			thread.setDaemon(true);
			return thread;
		});
		ports.forEach((port) -> this.threads.execute(() -> monitor(port)));
	}

	/** Reads a node's {@code MONITOR} until the connection breaks, then tries again. */
	private void monitor(int port) {
		try (Socket socket = new Socket()) {
			this.sockets.add(socket);
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
			// every byte above 0x7e comes escaped, so a byte is a character
			BufferedReader lines = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
			String line;
			while ((line = lines.readLine()) != null) {
				int script = line.indexOf(FROM_SCRIPT);
				int command = script + FROM_SCRIPT.length();
				// scripts spell the command as they like: PUBLISH, publish
				if (script >= 0 && line.regionMatches(true, command, this.publish, 0, this.publish.length())) {
					this.ran.accept(header(line, command + this.publish.length()), port);
				}
			}
		}
		catch (IOException ex) {
			// not running (killed, restarting) or closed
		}
		finally {
			this.sockets.removeIf(Socket::isClosed);
		}
		if (!this.closed) {
			this.threads.schedule(() -> monitor(port), RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * The first line of a quoted argument of a {@code MONITOR} line, unescaped as Redis
	 * escapes it ({@code \"}, {@code \\}, {@code \n}, {@code \r}, {@code \t}, {@code \a},
	 * {@code \b} and {@code \xHH}).
	 */
	private static String header(String line, int from) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = from; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '"') {
				break;
			}
			if (c != '\\') {
				bytes.write(c);
				continue;
			}
			char escaped = line.charAt(++i);
			if (escaped == 'n') {
				break;
			}
			switch (escaped) {
				case 'r' -> bytes.write('\r');
				case 't' -> bytes.write('\t');
				case 'a' -> bytes.write(7);
				case 'b' -> bytes.write('\b');
				case 'x' -> {
					bytes.write(Integer.parseInt(line.substring(i + 1, i + 3), 16));
					i += 2;
				}
				default -> bytes.write(escaped);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.closed = true;
		this.threads.shutdownNow();
		for (Socket socket : this.sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

}
