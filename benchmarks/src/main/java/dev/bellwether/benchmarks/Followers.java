package dev.bellwether.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
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

	private final List<ChildProcess> children = new ArrayList<>();

	Followers(String system, String redisUri, int count, Path logs) {
		try {
			Files.createDirectories(logs);
			for (int i = 0; i < count; i++) {
				this.children.add(new ChildProcess(FollowerProcess.class,
						logs.resolve(system + "-follower-" + i + ".log"), system, redisUri, "follower-" + i));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sends a command to one follower and waits for its answer. */
	String command(int follower, String command) {
		return this.children.get(follower).command(command);
	}

	int size() {
		return this.children.size();
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
		this.children.forEach(ChildProcess::close);
	}

}
