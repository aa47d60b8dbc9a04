package dev.bellwether.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import javax.net.SocketFactory;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One {@code redis-server} process of a {@link RedisServer}, launched in its own
 * temporary directory (configuration file, log, replication and cluster files) under a
 * {@link GuardedProcess}.
 */
final class RedisProcess {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private final int port;

	private final RedisServerOptions options;

	private final Path directory;

	private @Nullable GuardedProcess process;

	RedisProcess(int port, RedisServerOptions options) throws IOException {
		this.port = port;
		this.options = options;
		this.directory = Files.createTempDirectory("redis-" + port + "-");
		this.directory.toFile().deleteOnExit();
		Files.write(this.directory.resolve("redis.conf"), options.configuration());
	}

	/** Starts the process and waits until it answers {@code PING}. */
	void launch() {
		List<String> command = new ArrayList<>(
				List.of(RedisExecutable.file().getAbsolutePath(), this.directory.resolve("redis.conf").toString()));
		command.addAll(this.options.arguments(this.port));
		command.addAll(List.of("--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir",
				this.directory.toString(), "--logfile", logFile().toString(), "--repl-diskless-sync", "yes",
				"--repl-diskless-sync-delay", "0"));
		this.process = GuardedProcess.start(command, "KILL");
		TlsCertificates tls = this.options.tls();
		SocketFactory sockets = (tls != null) ? tls.sslContext().getSocketFactory() : SocketFactory.getDefault();
		try {
			Awaitility.await()
				.atMost(START_TIMEOUT)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> answers(sockets));
		}
		catch (ConditionTimeoutException | UncheckedIOException ex) {
			stop();
			throw (ex instanceof UncheckedIOException unchecked) ? unchecked : new UncheckedIOException(
					new IOException("redis-server on port " + this.port + " did not answer within " + START_TIMEOUT));
		}
	}

	long pid() {
		GuardedProcess current = this.process;
		return (current != null) ? current.pid() : -1;
	}

	boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	void signal(String name) {
		GuardedProcess current = this.process;
		if (current != null) {
			current.signal(name);
		}
	}

	/** Releases the guard, which kills the process, and waits until it has gone. */
	void stop() {
		GuardedProcess current = this.process;
		if (current != null) {
			current.stop();
			this.process = null;
		}
	}

	/** Deletes the directory and everything the server wrote in it. */
	void deleteDirectory() {
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// left for the JVM to delete
		}
	}

	private boolean answers(SocketFactory sockets) {
		if (!isAlive()) {
			stop();
			throw new UncheckedIOException(
					new IOException("redis-server on port " + this.port + " exited: " + readLog()));
		}
		try (Socket socket = sockets.createSocket("127.0.0.1", this.port)) {
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			return reply != null && (reply.equals("+PONG") || reply.startsWith("-NOAUTH"));
		}
		catch (IOException ex) {
			return false;
		}
	}

	private Path logFile() {
		return this.directory.resolve("redis.log");
	}

	private String readLog() {
		try {
			return Files.readString(logFile());
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
