package dev.bellwether.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.bellwether.test.GuardedProcess;

/**
 * The hedging sample's jar running as a JVM of its own, as a user deploys it, with its
 * output appended to a log file. It dies with this JVM.
 */
final class AppProcess {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

	private final String name;

	private final int port;

	private final GuardedProcess process;

	private AppProcess(String name, int port, GuardedProcess process) {
		this.name = name;
		this.port = port;
		this.process = process;
	}

	/**
	 * Starts the jar.
	 * @param name what to call it in logs
	 * @param jar the application jar
	 * @param port its HTTP port
	 * @param args its arguments
	 * @param log where its output goes (appended)
	 * @return the running process
	 */
	static AppProcess start(String name, Path jar, int port, List<String> args, Path log) {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port));
		command.addAll(args);
		GuardedProcess process = GuardedProcess.start(command, "KILL");
		Thread drain = new Thread(() -> drain(process.output(), log), name + "-output");
		drain.setDaemon(true);
		drain.start();
		return new AppProcess(name, port, process);
	}

	/**
	 * Copies the output to the log; reads on if the log cannot be written, so the process
	 * never blocks.
	 */
	private static void drain(BufferedReader output, Path log) {
		try (Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND)) {
			String line;
			while ((line = output.readLine()) != null) {
				out.write(line);
				out.write('\n');
				out.flush();
			}
		}
		catch (IOException ex) {
			try {
				output.transferTo(Writer.nullWriter());
			}
			catch (IOException gone) {
				// the process has gone
			}
		}
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	/** {@code SIGKILL}, and waits until it has gone. */
	void kill() {
		this.process.stop();
	}

	/** {@code SIGSTOP}. */
	void pause() {
		this.process.signal("STOP");
	}

	/** {@code SIGCONT}. */
	void resume() {
		this.process.signal("CONT");
	}

	/** {@code SIGQUIT}: the JVM prints its threads to its output, hence to the log. */
	void dumpThreads() {
		this.process.signal("QUIT");
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Sends a request with a bound, so that a paused process cannot stall the caller.
	 * @param method the method
	 * @param path the path
	 * @param body a JSON body, or {@code null}
	 * @param timeout how long to wait for the answer
	 * @return the answer
	 * @throws IOException if none came in time
	 */
	HttpResponse<String> send(String method, String path, String body, Duration timeout) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

}
