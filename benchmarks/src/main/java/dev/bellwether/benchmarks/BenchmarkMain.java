package dev.bellwether.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.bellwether.test.RedisServer;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole comparison against a real local redis-server and writes
 * {@code results/results.md}, {@code results/sync-latency.png} and
 * {@code results/calls-per-interval.png}: a fleet of 70 instances with a 1 s job for 60
 * s, one leader crashed and one shut down gracefully, with Bellwether, with ShedLock and
 * with plain {@code @Scheduled}; Bellwether's sync latency and handoffs; heap; and JMH
 * read benchmarks.
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		int size = Integer.getInteger("bench.instances", 70);
		double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		boolean syncOnly = Boolean.getBoolean("bench.sync-only");
		Path results = Path.of(System.getProperty("bench.results", "results"));
		Path work = Path.of("target", "sync");
		CallLog calls = new CallLog();
		Map<String, Object> shared = Map.of("callLog", calls);
		Report report = new Report();
		List<Scenario.Result> scenarios = new ArrayList<>();
		List<SyncBench.Row> inProcess;
		List<SyncBench.Row> ownProcess;
		List<SyncBench.Profiled> profiles = new ArrayList<>();
		List<Double> handoffs = List.of();
		double heapPerInstance = Double.NaN;
		Collection<RunResult> reads = List.of();
		try (RedisServer redis = RedisServer.start()) {
			long bareHeap = 0;
			if (!syncOnly) {
				log("bare fleet of " + size + " for the heap baseline");
				try (Fleet bare = new Fleet(redis, size, Nodes.BareNode.class, shared)) {
					bareHeap = heapAfterGc();
				}
			}
			log("Bellwether fleet of " + size);
			double idle = Double.NaN;
			try (Fleet fleet = new Fleet(redis, size, Nodes.BellwetherNode.class, shared,
					"--bellwether.leader.ttl=3s")) {
				BellwetherMeasurements.pauseJobs(fleet, true);
				Fleet.pause(syncOnly ? 2000 : 10_000);
				if (!syncOnly) {
					heapPerInstance = (heapAfterGc() - bareHeap) / (double) size;
					idle = RedisLoad.perInstancePerSecond(redis, size, 30_000);
				}
				log("sync latency, every instance in this JVM: floor, peer, Bellwether");
				inProcess = SyncBench.inProcess(redis, fleet);
				if (!syncOnly) {
					log("handoffs");
					handoffs = BellwetherMeasurements.handoffs(fleet, Integer.getInteger("bench.handoffs", 50));
					BellwetherMeasurements.pauseJobs(fleet, false);
					log("Bellwether scenario");
					scenarios.add(Scenario.run("Bellwether", fleet, calls, idle));
				}
			}
			redis.flushAll();
			log("sync latency, " + SyncBench.PROCESSES + " receivers in JVMs of their own");
			ownProcess = SyncBench.ownProcesses(redis, size, work, profiles);
			redis.flushAll();
			if (!syncOnly) {
				log("ShedLock fleet of " + size);
				try (Fleet fleet = new Fleet(redis, size, Nodes.ShedLockNode.class, shared)) {
					double load = RedisLoad.perInstancePerSecond(redis, size, 10_000);
					scenarios.add(Scenario.run("ShedLock", fleet, calls, load));
				}
				log("plain @Scheduled fleet of " + size);
				try (Fleet fleet = new Fleet(redis, size, Nodes.PlainNode.class, shared)) {
					double load = RedisLoad.perInstancePerSecond(redis, size, 10_000);
					scenarios.add(Scenario.run("Plain @Scheduled", fleet, calls, load));
				}
				log("JMH");
				reads = jmh(ReadBenchmarks.class);
			}
		}
		List<ProfileSummary> summaries = profiles.stream().map(ProfileSummary::new).toList();
		write(report, size, loadAtStart, scenarios, inProcess, ownProcess, summaries, handoffs, heapPerInstance, reads);
		report.write(results);
		Report.syncLatencyChart(
				ownProcess, "Publish to apply, " + SyncBench.PROCESSES
						+ " receivers in JVMs of their own (Redis fans out to " + (size - 1) + ")",
				results.resolve("sync-latency.png"));
		Report.syncLatencyChart(inProcess, "Publish to apply, all " + size + " instances in one JVM",
				results.resolve("sync-latency-one-jvm.png"));
		if (!scenarios.isEmpty()) {
			Report.callsTimeline(scenarios, results.resolve("calls-per-interval.png"));
		}
		log("results written to " + results.toAbsolutePath());
		System.exit(0);
	}

	/**
	 * Runs the JMH benchmarks of a class: one fork, 5 warm-up and 10 measured seconds.
	 */
	static Collection<RunResult> jmh(Class<?> benchmarks) throws RunnerException {
		return new Runner(new OptionsBuilder().include(benchmarks.getName())
			.forks(1)
			.warmupIterations(5)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(10)
			.measurementTime(TimeValue.seconds(1))
			.build()).run();
	}

	private static void write(Report report, int size, double loadAtStart, List<Scenario.Result> scenarios,
			List<SyncBench.Row> inProcess, List<SyncBench.Row> ownProcess, List<ProfileSummary> profiles,
			List<Double> handoffs, double heapPerInstance, Collection<RunResult> reads) {
		report.line("# Bellwether benchmark results");
		report.line("");
		int cores = Runtime.getRuntime().availableProcessors();
		double loadAtEnd = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		report.line("One run on this machine (%d cores; load average %.1f when the run started, %.1f when it ended),",
				cores, loadAtStart, loadAtEnd);
		report.line("against one local redis-server, %d instances. Regenerate with", size);
		report.line("`./mvnw -B -pl benchmarks -am -Pbenchmarks verify -DskipTests`.");
		report.line("");
		boolean quick = size < 70 || Scenario.SECONDS < 60 || SyncBench.REVISIONS < 30 || scenarios.isEmpty();
		if (quick || Math.max(loadAtStart, loadAtEnd) > cores) {
			report.line("> **Not figures to quote.** %s%s Latencies here say whether every row works and how the",
					quick ? "A quick run (fewer instances, seconds or revisions than the documented command). " : "",
					(Math.max(loadAtStart, loadAtEnd) > cores)
							? "The machine was loaded (load average above its core count) by other work." : "");
			report.line("> systems compare within this run, not what they do on an idle machine.");
			report.line("");
		}
		if (!scenarios.isEmpty()) {
			writeFleet(report, size, scenarios);
		}
		writeSync(report, size, inProcess, ownProcess);
		profiles.forEach((profile) -> writeProfile(report, profile));
		if (!handoffs.isEmpty()) {
			report.line("## Bellwether: graceful handoff (%d step-downs)", handoffs.size());
			report.line("");
			report.line("| p50 | p99 | max |");
			report.line("|---|---|---|");
			report.line("| %.1f ms | %.1f ms | %.1f ms |", Report.percentileOf(handoffs, 0.5),
					Report.percentileOf(handoffs, 0.99), Report.percentileOf(handoffs, 1.0));
			report.line("");
		}
		if (!Double.isNaN(heapPerInstance)) {
			report.line("## Heap per instance attributable to Bellwether");
			report.line("");
			report.line("%.0f KB (heap after GC of %d idle Bellwether instances, minus %d bare ones, divided by %d)",
					heapPerInstance / 1024, size, size, size);
			report.line("");
		}
		if (!reads.isEmpty()) {
			report.line("## Reads (JMH, average time)");
			report.line("");
			report.line("| read | ns/op | ± |");
			report.line("|---|---|---|");
			for (RunResult read : reads) {
				String method = read.getParams().getBenchmark().replaceFirst(".*\\.", "");
				report.line("| %s | %.1f | %.1f |", ReadBenchmarks.names().get(method),
						read.getPrimaryResult().getScore(), read.getPrimaryResult().getScoreError());
			}
		}
	}

	private static void writeFleet(Report report, int size, List<Scenario.Result> scenarios) {
		report.line(
				"## Fleet: %d instances, a 1 s job, %d s; the leader crashed after a third, shut down gracefully after two thirds",
				size, Scenario.SECONDS);
		report.line("");
		report.line("All instances in one JVM, each with its own Redis connections. Bellwether runs with");
		report.line("`bellwether.leader.ttl=3s` (a crashed leader is replaced within 3 s, which suits a 1 s job), its");
		report.line("other settings at their defaults. ShedLock runs `@SchedulerLock(lockAtMostFor = \"PT10S\",");
		report.line("lockAtLeastFor = \"PT0.9S\")` on `@Scheduled(fixedRate = 1000)` with its Redis provider.");
		report.line("");
		report.line("| | %s |", String.join(" | ", scenarios.stream().map(Scenario.Result::system).toList()));
		report.line("|---|%s", "---|".repeat(scenarios.size()));
		report.line("| upstream calls per interval, mean | %s |",
				Report.cells(scenarios, (r) -> Report.fmt("%.2f", r.mean())));
		report.line("| upstream calls per interval, max | %s |",
				Report.cells(scenarios, (r) -> String.valueOf(r.max())));
		report.line("| intervals without a call | %s |", Report.cells(scenarios, (r) -> String.valueOf(r.skipped())));
		report.line("| pause between calls the crash caused | %s |",
				Report.cells(scenarios, (r) -> r.crashGapMillis() + " ms"));
		report.line("| pause between calls the graceful shutdown caused | %s |",
				Report.cells(scenarios, (r) -> r.gracefulGapMillis() + " ms"));
		report.line("| new leader after the crash | %s |",
				Report.cells(scenarios, (r) -> leaderTime(r.crashFailoverMillis())));
		report.line("| new leader after the graceful shutdown | %s |",
				Report.cells(scenarios, (r) -> leaderTime(r.handoffMillis())));
		report.line("| Redis commands/s per instance (Bellwether: idle, jobs paused) | %s |",
				Report.cells(scenarios, (r) -> Report.fmt("%.3f", r.redisPerIdleInstance())));
		report.line("");
		report.line("![calls per interval](calls-per-interval.png)");
		report.line("");
	}

	private static void writeSync(Report report, int size, List<SyncBench.Row> inProcess,
			List<SyncBench.Row> ownProcess) {
		report.line("## Publish to apply: floor, peer and Bellwether in the same run");
		report.line("");
		report.line("From the publisher's wall clock right before it hands the value to its client to the receiver's");
		report
			.line("wall clock once the value is decoded (Jackson, into the same record of quotes) and held, for every");
		report.line("receiver and every publication (%d per size, after %d unmeasured). **Floor**: plain Lettuce",
				SyncBench.REVISIONS, SyncBench.WARMUP);
		report.line("`PUBLISH` to subscriber connections that decode on Lettuce's event loop. **Peer**: Redisson's");
		report.line("`RLocalCachedMap` (`SyncStrategy.UPDATE`), `fastPut` on one instance, recorded by the first call");
		report.line("of its `LocalCacheUpdateListener` (Redisson calls it twice per update, the first right after");
		report.line("the local cache holds the value). **Bellwether**: the leader's");
		report.line("`Dataset.publish`, recorded by `Dataset.onUpdate` on each follower. Ratios are against the floor");
		report.line("of the same table and size.");
		report.line("");
		report.line("### %d receivers in JVMs of their own, Redis fanning out to %d (the figures to quote)",
				SyncBench.PROCESSES, size - 1);
		report.line("");
		report.line("The publisher runs in the benchmark's JVM; %d receivers are spawned JVMs (the benchmark's class",
				SyncBench.PROCESSES);
		report.line("path, their client's defaults) that record arrivals themselves and hand them over after the run;");
		report.line("%d further connections only subscribe, so Redis fans each publication out to the whole fleet.",
				Math.max(0, size - 1 - SyncBench.PROCESSES));
		report.line("Publications are paced (25 ms plus 1 ms per 2 KB apart), nothing is polled.");
		report.line("");
		syncTable(report, ownProcess);
		report.line("![sync latency, own JVMs](sync-latency.png)");
		report.line("");
		report.line("### All %d instances in one JVM", size);
		report.line("");
		report.line("Every instance, with its own connections, in the benchmark's JVM (Lettuce's event loops shared,");
		report
			.line("as are Redisson's); the publisher waits for every receiver's arrival, then 20 ms, before the next.");
		report.line("");
		syncTable(report, inProcess);
		report.line("![sync latency, one JVM](sync-latency-one-jvm.png)");
		report.line("");
		report.line("### Marks: Bellwether's p99 within 1.5x the floor, and ahead of the peer");
		report.line("");
		report
			.line("| payload | own JVMs: p99 / floor | own JVMs: vs peer | one JVM: p99 / floor | one JVM: vs peer |");
		report.line("|---|---|---|---|---|");
		for (int bytes : SyncBench.SIZES) {
			report.line("| %s | %s | %s | %s | %s |", size(bytes), mark(ownProcess, bytes, "Floor"),
					mark(ownProcess, bytes, "Peer"), mark(inProcess, bytes, "Floor"), mark(inProcess, bytes, "Peer"));
		}
		report.line("");
	}

	private static void syncTable(Report report, List<SyncBench.Row> rows) {
		report.line("| payload | system | p50 | p99 | max | samples | p50 / floor | p99 / floor | max / floor |");
		report.line("|---|---|---|---|---|---|---|---|---|");
		for (SyncBench.Row row : rows) {
			SyncBench.Row floor = find(rows, row.bytes(), "Floor");
			if (row.micros().isEmpty()) {
				report.line("| %s | %s | no samples | | | 0 | | | |", row.size(), row.system());
				continue;
			}
			report.line("| %s (%,d B) | %s | %s | %d | %s | %s | %s |", row.size(), row.encodedBytes(), row.system(),
					Report.percentiles(row.micros()), row.micros().size(), ratio(row, floor, 0.5),
					ratio(row, floor, 0.99), ratio(row, floor, 1.0));
		}
		report.line("");
	}

	private static String mark(List<SyncBench.Row> rows, int bytes, String against) {
		SyncBench.Row bellwether = find(rows, bytes, "Bellwether");
		SyncBench.Row other = find(rows, bytes, against);
		if (bellwether == null || other == null || bellwether.micros().isEmpty() || other.micros().isEmpty()) {
			return "n/a";
		}
		double ratio = Report.percentile(bellwether.micros(), 0.99) / (double) Report.percentile(other.micros(), 0.99);
		if (against.equals("Floor")) {
			return Report.fmt("%.2fx ", ratio) + ((ratio <= 1.5) ? "(met)" : "(missed)");
		}
		return ((ratio < 1) ? "ahead" : "behind") + Report.fmt(" (%.2fx the peer)", ratio);
	}

	private static SyncBench.Row find(List<SyncBench.Row> rows, int bytes, String system) {
		return rows.stream()
			.filter((row) -> row.bytes() == bytes && row.system().startsWith(system))
			.findFirst()
			.orElse(null);
	}

	private static String ratio(SyncBench.Row row, SyncBench.Row floor, double quantile) {
		if (floor == null || floor.micros().isEmpty()) {
			return "n/a";
		}
		long base = Math.max(1, Report.percentile(floor.micros(), quantile));
		return Report.fmt("%.2fx", Report.percentile(row.micros(), quantile) / (double) base);
	}

	private static String size(int bytes) {
		return new SyncBench.Row("", false, bytes, 0, List.of()).size();
	}

	private static void writeProfile(Report report, ProfileSummary profile) {
		report.line("## Where a follower's time goes: JFR under a burst");
		report.line("");
		report.line("One Bellwether follower in its own JVM, recorded with JFR (profile settings, execution samples");
		report.line("every 1 ms) while the leader published %d revisions of 10 KB, %d ms apart. %d samples of running",
				SyncBench.BURST, SyncBench.BURST_GAP_MILLIS, profile.samples());
		report.line("Java code; each is counted in the first category its stack matches, in this order.");
		report.line("");
		report.line("| where | samples | share |");
		report.line("|---|---|---|");
		profile.byCategory()
			.forEach((category, count) -> report.line("| %s | %d | %.1f%% |", category, count,
					100.0 * count / Math.max(1, profile.samples())));
		report.line("");
		report.line("Threads the follower started during the burst: %d.", profile.threadsStarted());
		report.line("");
		report.line("| thread | samples |");
		report.line("|---|---|");
		profile.byThread().forEach((thread, count) -> report.line("| %s | %d |", thread, count));
		report.line("");
		if (!profile.waited().isEmpty()) {
			report.line("Hand-off from Lettuce's event loop to Bellwether's listener thread, timed around the");
			report.line("listener executor's tasks for the %d messages of the burst:", profile.waited().size());
			report.line("");
			report.line("| | p50 | p99 | max |");
			report.line("|---|---|---|---|");
			report.line("| waiting for the listener thread | %s |", Report.percentiles(profile.waited()));
			report.line("| listener running (header, decode, apply, events) | %s |", Report.percentiles(profile.ran()));
			report.line("");
		}
	}

	private static String leaderTime(long millis) {
		return (millis < 0) ? "n/a" : millis + " ms";
	}

	private static long heapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Fleet.pause(300);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static void log(String message) {
		System.out.println("[benchmark] " + message);
	}

}
