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

/**
 * Receivers in JVMs of their own ({@link FollowerProcess}), spawned with this JVM's class
 * path; they record on their own and are asked for it after the run, so nothing polls
 * them while they work.
 */
final class Followers implements AutoCloseable {

	private final List<Child> children = new ArrayList<>();

	Followers(String system, String redisUri, int count, Path logs) {
		try {
			Files.createDirectories(logs);
			for (int i = 0; i < count; i++) {
				ProcessBuilder builder = new ProcessBuilder(
						Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
						System.getProperty("java.class.path"), FollowerProcess.class.getName(), system, redisUri,
						"follower-" + i)
					.redirectError(logs.resolve(system + "-follower-" + i + ".log").toFile());
				this.children.add(new Child(builder.start()));
			}
			for (Child child : this.children) {
				child.expect("ready");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sends a command to one follower and waits for its answer. */
	void command(int follower, String command) {
		this.children.get(follower).command(command);
	}

	/** Every follower's recorded publications and latencies. */
	List<long[]> collect(Path directory) {
		List<long[]> all = new ArrayList<>();
		try {
			for (int i = 0; i < this.children.size(); i++) {
				Path file = directory.resolve("arrivals-" + i + ".txt");
				command(i, "dump " + file.toAbsolutePath());
				for (String line : Files.readAllLines(file)) {
					String[] parts = line.split(" ");
					all.add(new long[] { Long.parseLong(parts[0]), Long.parseLong(parts[1]) });
				}
				Files.delete(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return all;
	}

	@Override
	public void close() {
		for (Child child : this.children) {
			child.in.println("exit");
			child.in.flush();
		}
		for (Child child : this.children) {
			try {
				if (!child.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
					child.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static final class Child {

		private final Process process;

		private final PrintWriter in;

		private final BufferedReader out;

		Child(Process process) {
			this.process = process;
			this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
			this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		}

		void command(String command) {
			this.in.println(command);
			expect("ok");
		}

		void expect(String answer) {
			try {
				for (String line = this.out.readLine(); line != null; line = this.out.readLine()) {
					if (line.equals(answer)) {
						return;
					}
				}
				throw new IllegalStateException("A follower process ended (exit " + this.process.waitFor() + ")");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
