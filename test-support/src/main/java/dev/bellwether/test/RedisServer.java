package dev.bellwether.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;
import redis.embedded.core.ExecutableProvider;

/**
 * A real {@code redis-server} process on a free loopback port, with the faults tests
 * need: graceful stop, {@code kill -9}, pause ({@code SIGSTOP}), resume, restart and
 * flush.
 * <p>
 * The binary is the {@code redis-server} on the {@code PATH}, else the one shipped in the
 * embedded-redis jar. The server keeps nothing on disk, so a restart comes back empty. It
 * runs as a {@link GuardedProcess}, so no server outlives the test run, even when the JVM
 * is killed.
 */
public final class RedisServer implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private static final RedisClient CLIENT = RedisClient.create();

	private static final File EXECUTABLE = locateExecutable();

	private final int port;

	private final Path logFile;

	private @Nullable GuardedProcess process;

	private @Nullable StatefulRedisConnection<String, String> admin;

	private RedisServer(int port) throws IOException {
		this.port = port;
		this.logFile = Files.createTempFile("redis-" + port + "-", ".log");
		this.logFile.toFile().deleteOnExit();
	}

	/**
	 * Starts a new server on a free port and waits until it answers.
	 * @return the running server
	 */
	public static RedisServer start() {
		UncheckedIOException last = null;
		for (int attempt = 0; attempt < 5; attempt++) {
			try {
				RedisServer server = new RedisServer(freePort());
				server.launch();
				return server;
			}
			catch (IOException ex) {
				last = new UncheckedIOException(ex);
			}
			catch (UncheckedIOException ex) {
				last = ex;
			}
		}
		throw last;
	}

	/**
	 * The port this server listens on, on 127.0.0.1.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The address of this server as a Redis URI.
	 * @return {@code redis://127.0.0.1:<port>}
	 */
	public String uri() {
		return "redis://127.0.0.1:" + this.port;
	}

	/**
	 * The process id of the running server.
	 * @return the pid
	 */
	public long pid() {
		GuardedProcess current = this.process;
		return (current != null) ? current.pid() : -1;
	}

	/**
	 * Synchronous commands on an administrative connection that goes straight to this
	 * server (never through a proxy) and reconnects after a restart.
	 * @return the commands
	 */
	public synchronized RedisCommands<String, String> commands() {
		if (this.admin == null) {
			RedisURI uri = RedisURI.create(uri());
			uri.setTimeout(Duration.ofSeconds(5));
			this.admin = CLIENT.connect(uri);
		}
		return this.admin.sync();
	}

	/** Deletes every key. */
	public void flushAll() {
		commands().flushall();
	}

	/**
	 * Stops the server gracefully ({@code SIGTERM}, even when paused) and waits until it
	 * has gone.
	 */
	public synchronized void stop() {
		if (isRunning()) {
			signal("TERM");
			signal("CONT");
		}
		awaitExit();
	}

	/** Kills the server with {@code SIGKILL} and waits until it has gone. */
	public synchronized void kill() {
		if (isRunning()) {
			signal("KILL");
		}
		awaitExit();
	}

	/**
	 * Freezes the server with {@code SIGSTOP}: connections stay open, nothing answers.
	 */
	public synchronized void pause() {
		signal("STOP");
	}

	/** Lets a paused server go on with {@code SIGCONT}. */
	public synchronized void resume() {
		signal("CONT");
	}

	/**
	 * Starts the server again on the same port, empty, after it was stopped or killed.
	 */
	public synchronized void restart() {
		kill();
		launch();
	}

	/**
	 * Whether the server process is alive (a paused server is alive).
	 * @return whether it runs
	 */
	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	@Override
	public synchronized void close() {
		kill();
		if (this.admin != null) {
			this.admin.close();
			this.admin = null;
		}
	}

	private void launch() {
		List<String> command = List.of(EXECUTABLE.getAbsolutePath(), "--port", String.valueOf(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile",
				this.logFile.toString());
		this.process = GuardedProcess.start(command, "KILL");
		try {
			awaitAnswer();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitAnswer() throws IOException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!isRunning()) {
				kill();
				throw new IOException("redis-server on port " + this.port + " exited: " + log());
			}
			try (var socket = new java.net.Socket("127.0.0.1", this.port)) {
				socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
				byte[] reply = socket.getInputStream().readNBytes(7);
				if ("+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII))) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			pauseBriefly();
		}
		kill();
		throw new IOException("redis-server on port " + this.port + " did not answer within " + START_TIMEOUT);
	}

	private void awaitExit() {
		GuardedProcess current = this.process;
		if (current != null) {
			current.stop();
			this.process = null;
		}
	}

	private void signal(String name) {
		try {
			new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).start().waitFor();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String log() {
		try {
			return Files.readString(this.logFile);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static void pauseBriefly() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static File locateExecutable() {
		try {
			return ExecutableProvider.newExecutableInPath("redis-server").get();
		}
		catch (IOException ex) {
			try {
				File file = ExecutableProvider.newJarResourceProvider().get();
				file.setExecutable(true);
				return file;
			}
			catch (IOException nested) {
				throw new UncheckedIOException("No redis-server on the PATH and none in the embedded-redis jar",
						nested);
			}
		}
	}

}
