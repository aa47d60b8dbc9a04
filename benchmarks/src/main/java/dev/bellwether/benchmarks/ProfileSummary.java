package dev.bellwether.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a follower's CPU went under a burst, from the JFR recording's execution samples
 * (every millisecond, Java frames only), each sample put in the first category its stack
 * matches; and the hand-offs from Lettuce's event loop to Bellwether's listener thread.
 */
final class ProfileSummary {

	/** Categories, in the order a stack is matched against them. */
	private static final List<String[]> CATEGORIES = List.of(
			new String[] { "benchmark harness (starting JFR, command loop)",
					"dev.bellwether.benchmarks.FollowerProcess.main" },
			new String[] { "membership heartbeat", "dev.bellwether.data.FleetMembership" },
			new String[] { "membership heartbeat", "dev.bellwether.redis.RedisMemberStore" },
			new String[] { "leader election (renewal, attempts)", "dev.bellwether.leader" },
			new String[] { "DatasetUpdatedEvent publication (Spring multicaster)", "LocalDataset.apply",
					"publishEvent" },
			new String[] { "snapshot swap + onUpdate listeners (the benchmark's recorder)", "LocalDataset.offer" },
			new String[] { "payload decode: Jackson into the declared type", "DatasetFollower.offer", "tools.jackson" },
			new String[] { "follower: routing, revision checks", "DatasetFollower" },
			new String[] { "header parse: Jackson tree", "RedisChannel.onMessage", "tools.jackson" },
			new String[] { "channel: payload copy, routing", "dev.bellwether.redis.RedisChannel" },
			new String[] { "other Bellwether code", "dev.bellwether" },
			new String[] { "listener container dispatch (Spring Data Redis)", "springframework.data.redis.listener" },
			new String[] { "Lettuce: RESP decode, pub/sub dispatch", "io.lettuce" },
			new String[] { "Netty: socket reads, buffers", "io.netty" },
			new String[] { "thread hand-off: executor queue", "java.util.concurrent" });

	private final Map<String, Integer> byCategory = new LinkedHashMap<>();

	private final Map<String, Integer> byThread = new TreeMap<>();

	private int samples;

	private int threadsStarted;

	private final List<Long> waited = new ArrayList<>();

	private final List<Long> ran = new ArrayList<>();

	ProfileSummary(SyncBench.Profiled profiled) {
		CATEGORIES.forEach((category) -> this.byCategory.put(category[0], 0));
		try (RecordingFile recording = new RecordingFile(profiled.jfr())) {
			while (recording.hasMoreEvents()) {
				RecordedEvent event = recording.readEvent();
				if (event.getEventType().getName().equals("jdk.ThreadStart")) {
					this.threadsStarted++;
				}
				if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
					List<String> frames = event.getStackTrace()
						.getFrames()
						.stream()
						.map(RecordedFrame::getMethod)
						.map((method) -> method.getType().getName() + "." + method.getName())
						.toList();
					this.samples++;
					this.byCategory.merge(classify(frames), 1, Integer::sum);
					String thread = event.getThread("sampledThread").getJavaName();
					this.byThread.merge((thread != null) ? thread.replaceAll("[0-9]+", "N") : "?", 1, Integer::sum);
				}
			}
			if (Files.exists(profiled.handoffs())) {
				for (String line : Files.readAllLines(profiled.handoffs())) {
					String[] parts = line.split(" ");
					this.waited.add(Long.parseLong(parts[0]));
					this.ran.add(Long.parseLong(parts[1]));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.waited.sort(Long::compare);
		this.ran.sort(Long::compare);
	}

	private static String classify(List<String> frames) {
		for (String[] category : CATEGORIES) {
			boolean all = true;
			for (int i = 1; i < category.length && all; i++) {
				String marker = category[i];
				all = frames.stream().anyMatch((frame) -> frame.contains(marker));
			}
			if (all) {
				return category[0];
			}
		}
		String top = frames.isEmpty() ? "?" : frames.get(0);
		return "other: " + top.replaceAll("\\.[^.]+\\.[^.]+$", "");
	}

	/**
	 * Prints the summary of a recording, for looking at one outside a run.
	 * @param args the recording, and optionally its hand-offs
	 */
	public static void main(String[] args) {
		ProfileSummary summary = new ProfileSummary(
				new SyncBench.Profiled(Path.of(args[0]), Path.of((args.length > 1) ? args[1] : args[0] + ".handoffs")));
		System.out.println(summary.samples() + " samples, " + summary.threadsStarted() + " threads started");
		summary.byCategory().forEach((category, count) -> System.out.println(count + "\t" + category));
		summary.byThread().forEach((thread, count) -> System.out.println(count + "\t" + thread));
		if (!summary.waited().isEmpty()) {
			System.out.println("waited " + Report.percentiles(summary.waited()));
			System.out.println("ran    " + Report.percentiles(summary.ran()));
		}
	}

	/** Threads the follower started while it was recorded. */
	int threadsStarted() {
		return this.threadsStarted;
	}

	int samples() {
		return this.samples;
	}

	/** Categories with their samples, largest first, those with none left out. */
	Map<String, Integer> byCategory() {
		Map<String, Integer> sorted = new LinkedHashMap<>();
		this.byCategory.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 0)
			.sorted((a, b) -> b.getValue() - a.getValue())
			.limit(14)
			.forEach((entry) -> sorted.put(entry.getKey(), entry.getValue()));
		return sorted;
	}

	Map<String, Integer> byThread() {
		Map<String, Integer> sorted = new LinkedHashMap<>();
		this.byThread.entrySet()
			.stream()
			.sorted((a, b) -> b.getValue() - a.getValue())
			.limit(8)
			.forEach((entry) -> sorted.put(entry.getKey(), entry.getValue()));
		return sorted;
	}

	/** Microseconds each message waited for the listener thread, sorted. */
	List<Long> waited() {
		return this.waited;
	}

	/** Microseconds the listener ran for each message, sorted. */
	List<Long> ran() {
		return this.ran;
	}

}
