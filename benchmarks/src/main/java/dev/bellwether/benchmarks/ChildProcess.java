package dev.bellwether.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own, spawned with this JVM's class path, that takes commands a line at a
 * time on its standard input and answers each with a line that starts with {@code ok}.
 */
final class ChildProcess implements AutoCloseable {

	private final Process process;

	private final PrintWriter in;

	private final BufferedReader out;

	/**
	 * Starts a main class with arguments, its standard error in a log file, and waits for
	 * it to say {@code ready}.
	 */
	ChildProcess(Class<?> main, Path log, String... arguments) {
		try {
			Files.createDirectories(log.getParent());
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
							"-Xmx" + System.getProperty("bench.child.heap", "512m"), "-cp",
							System.getProperty("java.class.path"), main.getName()));
			command.addAll(List.of(arguments));
			this.process = new ProcessBuilder(command).redirectError(log.toFile()).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.in = new PrintWriter(this.process.getOutputStream(), true, StandardCharsets.UTF_8);
		this.out = new BufferedReader(new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
		expect("ready");
	}

	/** Sends a command without waiting for its answer. */
	void send(String command) {
		this.in.println(command);
	}

	/** Sends a command and waits for its answer. */
	String command(String command) {
		send(command);
		return answer();
	}

	/** The next answer: what follows {@code ok} on its line. */
	String answer() {
		return expect("ok").substring(2).trim();
	}

	/** Reads lines until one starts with the given word. */
	String expect(String word) {
		try {
			for (String line = this.out.readLine(); line != null; line = this.out.readLine()) {
				if (line.startsWith(word)) {
					return line;
				}
			}
			throw new IllegalStateException("A child process ended (exit " + this.process.waitFor() + ")");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The child's side: says {@code ready}, then answers each command line with
	 * {@code ok} and the answer until {@code exit} or the end of its input.
	 * @param commands what each command answers, by its name and argument
	 * @throws Exception what a command threw
	 */
	static void serve(Commands commands) throws Exception {
		System.out.println("ready");
		System.out.flush();
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
			String[] command = line.split(" ", 2);
			String answer = commands.answer(command[0], (command.length > 1) ? command[1] : "");
			System.out.println(("ok " + answer).trim());
			System.out.flush();
		}
	}

	/** Asks it to exit, and kills it if it has not within 10 s. */
	@Override
	public void close() {
		this.in.println("exit");
		this.in.flush();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The commands a child process answers. */
	@FunctionalInterface
	interface Commands {

		/**
		 * Runs one command.
		 * @param name its name
		 * @param argument the rest of its line, or an empty string
		 * @return its answer, or an empty string
		 * @throws Exception if it failed
		 */
		String answer(String name, String argument) throws Exception;

	}

}
