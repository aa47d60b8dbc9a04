package dev.bellwether.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Runs a demo fleet on this machine from one application jar: Redis (the one at
 * {@code SPRING_DATA_REDIS_URL} or localhost:6379 if it answers, else an embedded
 * redis-server), an optional upstream process and several instances, each a
 * {@link GuardedProcess}. Every process logs to {@code demo-logs/<name>.log}; the console
 * shows each instance's URL and every change of leadership. Ctrl-C stops everything and
 * leaves no process behind.
 */
public final class DemoFleet {

	private static final Pattern WORTH_SHOWING = Pattern
		.compile(".*(leads with epoch|no longer leads|APPLICATION FAILED|ERROR).*");

	private final PrintStream console = System.out;

	private final List<Running> running = new ArrayList<>();

	private @Nullable RedisServer embeddedRedis;

	private DemoFleet() {
	}

	/**
	 * Starts the fleet and returns when it has been stopped with Ctrl-C.
	 * @param upstream the upstream process, or {@code null}
	 * @param instances the instances
	 * @param guide what to try, printed once everything answers
	 */
	public static void run(@Nullable Member upstream, List<Member> instances, String guide) {
		new DemoFleet().start(upstream, instances, guide);
	}

	private void start(@Nullable Member upstream, List<Member> instances, String guide) {
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stopAll();
			stopped.countDown();
		}, "demo-fleet-stop"));
		String redis = redis();
		if (upstream != null) {
			launch(upstream, List.of());
			awaitPort(upstream);
			announce(upstream);
		}
		for (Member instance : instances) {
			launch(instance, List.of("--spring.data.redis.url=" + redis, "--embedded-redis.enabled=false"));
		}
		for (Member instance : instances) {
			awaitPort(instance);
			announce(instance);
		}
		this.console.println();
		this.console.println(guide);
		this.console.println("Logs are in demo-logs/. Press Ctrl-C to stop everything.");
		try {
			stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String redis() {
		String configured = System.getenv("SPRING_DATA_REDIS_URL");
		URI uri = URI.create((configured != null && !configured.isBlank()) ? configured : "redis://localhost:6379");
		if (EmbeddedRedisFallback.answers(uri.getHost(), (uri.getPort() != -1) ? uri.getPort() : 6379)) {
			this.console.println("Redis: " + uri);
			return uri.toString();
		}
		this.embeddedRedis = RedisServer.start();
		this.console.println("Redis: " + this.embeddedRedis.uri() + " (embedded: nothing answered at " + uri + ")");
		return this.embeddedRedis.uri();
	}

	private void launch(Member member, List<String> extra) {
		String jar = System.getProperty("java.class.path");
		if (jar == null || !jar.endsWith(".jar") || jar.contains(java.io.File.pathSeparator)) {
			throw new IllegalStateException("Run the demo fleet from the application jar: java -jar <app>.jar fleet");
		}
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
						"--server.port=" + member.port()));
		command.addAll(member.args());
		command.addAll(extra);
		GuardedProcess process = GuardedProcess.start(command, "TERM");
		Running started = new Running(member, process);
		synchronized (this.running) {
			this.running.add(started);
		}
		Thread reader = new Thread(() -> follow(started), "demo-fleet-" + member.name());
		reader.setDaemon(true);
		reader.start();
	}

	private void follow(Running started) {
		Path log = Path.of("demo-logs", started.member().name() + ".log");
		try {
			Files.createDirectories(log.getParent());
			try (var out = Files.newBufferedWriter(log); BufferedReader in = started.process().output()) {
				String line;
				while ((line = in.readLine()) != null) {
					out.write(line);
					out.newLine();
					out.flush();
					if (WORTH_SHOWING.matcher(line).matches()) {
						this.console.println("[" + started.member().name() + "] " + line.replaceFirst("^.*? : ", ""));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void announce(Member member) {
		long pid;
		synchronized (this.running) {
			pid = this.running.stream()
				.filter((candidate) -> candidate.member() == member)
				.mapToLong((candidate) -> candidate.process().pid())
				.findFirst()
				.orElse(-1);
		}
		this.console.printf("%-14s http://localhost:%d  (pid %d)%n", member.name(), member.port(), pid);
	}

	private void awaitPort(Member member) {
		long deadline = System.nanoTime() + 120_000_000_000L;
		while (!EmbeddedRedisFallback.answers("localhost", member.port())) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						member.name() + " did not start; see demo-logs/" + member.name() + ".log");
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void stopAll() {
		List<Running> all;
		synchronized (this.running) {
			all = new ArrayList<>(this.running);
		}
		for (int i = all.size() - 1; i >= 0; i--) {
			all.get(i).process().stop();
		}
		if (this.embeddedRedis != null) {
			this.embeddedRedis.close();
		}
		this.console
			.println("Stopped " + all.size() + " processes" + ((this.embeddedRedis != null) ? " and Redis" : ""));
	}

	/**
	 * One process of the fleet.
	 *
	 * @param name its name in the console and the logs
	 * @param port its HTTP port
	 * @param args its application arguments
	 */
	public record Member(String name, int port, List<String> args) {
	}

	private record Running(Member member, GuardedProcess process) {
	}

}
