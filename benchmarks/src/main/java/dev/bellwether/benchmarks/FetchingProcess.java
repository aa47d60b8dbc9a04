package dev.bellwether.benchmarks;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link FetchingSubscribers} in a JVM of their own, so that their reads do not take the
 * leader's CPU: arguments port, channel, key, dataset and count. It answers commands on
 * standard input, one a line: {@code read REV} (whether every subscriber has read that
 * revision), {@code dump FILE} (revision and wall-clock microseconds of each read, a line
 * each) and {@code exit}, with {@code ready}, and {@code ok} and the answer.
 */
public final class FetchingProcess {

	private FetchingProcess() {
	}

	public static void main(String[] args) throws Exception {
		try (FetchingSubscribers subscribers = new FetchingSubscribers(Integer.parseInt(args[0]), args[1], args[2],
				args[3], Integer.parseInt(args[4]))) {
			ChildProcess.serve((name, argument) -> switch (name) {
				case "read" -> String.valueOf(subscribers.allRead(Long.parseLong(argument)));
				case "dump" -> {
					try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(argument)))) {
						subscribers.reads().forEach((read) -> out.println(read[0] + " " + read[1]));
					}
					yield "";
				}
				default -> throw new IllegalArgumentException(name);
			});
		}
		System.exit(0);
	}

}
