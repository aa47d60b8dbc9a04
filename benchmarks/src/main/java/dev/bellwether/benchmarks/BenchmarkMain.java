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
		Path results = Path.of("results");
		CallLog calls = new CallLog();
		LatencyLog latencies = new LatencyLog();
		Map<String, Object> shared = Map.of("callLog", calls, "latencyLog", latencies);
		Report report = new Report();
		List<Scenario.Result> scenarios = new ArrayList<>();
		Map<String, List<Long>> sync;
		try (RedisServer redis = RedisServer.start()) {
			log("bare fleet of " + size + " for the heap baseline");
			long bareHeap;
			try (Fleet bare = new Fleet(redis, size, Nodes.BareNode.class, shared)) {
				bareHeap = heapAfterGc();
			}
			log("Bellwether fleet of " + size);
			List<Double> handoffs;
			double heapPerInstance;
			try (Fleet fleet = new Fleet(redis, size, Nodes.BellwetherNode.class, shared,
					"--bellwether.leader.ttl=3s")) {
				BellwetherMeasurements.pauseJobs(fleet, true);
				Fleet.pause(10_000);
				heapPerInstance = (heapAfterGc() - bareHeap) / (double) size;
				double idle = RedisLoad.perInstancePerSecond(redis, size, 30_000);
				log("sync latency");
				sync = BellwetherMeasurements.syncLatency(fleet, latencies);
				log("handoffs");
				handoffs = BellwetherMeasurements.handoffs(fleet, Integer.getInteger("bench.handoffs", 50));
				BellwetherMeasurements.pauseJobs(fleet, false);
				log("Bellwether scenario");
				scenarios.add(Scenario.run("Bellwether", fleet, calls, idle));
			}
			redis.flushAll();
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
			Collection<RunResult> reads = new Runner(new OptionsBuilder().include(ReadBenchmarks.class.getName())
				.forks(1)
				.warmupIterations(5)
				.warmupTime(TimeValue.seconds(1))
				.measurementIterations(10)
				.measurementTime(TimeValue.seconds(1))
				.build()).run();
			write(report, size, scenarios, sync, handoffs, heapPerInstance, reads);
		}
		report.write(results);
		Report.syncLatencyChart(sync, results.resolve("sync-latency.png"));
		Report.callsChart(scenarios, results.resolve("calls-per-interval.png"));
		log("results written to " + results.toAbsolutePath());
		System.exit(0);
	}

	private static void write(Report report, int size, List<Scenario.Result> scenarios, Map<String, List<Long>> sync,
			List<Double> handoffs, double heapPerInstance, Collection<RunResult> reads) {
		report.line("# Bellwether benchmark results");
		report.line("");
		report.line("One run on this machine (%d cores), against one local redis-server, all instances in one JVM,",
				Runtime.getRuntime().availableProcessors());
		report.line("each with its own Redis connections. Bellwether runs with `bellwether.leader.ttl=3s` (a crashed");
		report.line(
				"leader is replaced within 3 s, which suits a 1 s job), its other settings at their defaults. ShedLock");
		report.line("runs `@SchedulerLock(lockAtMostFor = \"PT10S\", lockAtLeastFor = \"PT0.9S\")` on");
		report.line("`@Scheduled(fixedRate = 1000)` with its Redis provider. Regenerate with");
		report.line("`./mvnw -B -pl benchmarks -am -Pbenchmarks verify -DskipTests`.");
		report.line("");
		report.line(
				"## Fleet: %d instances, a 1 s job, %d s; the leader crashed after a third, shut down gracefully after two thirds",
				size, Scenario.SECONDS);
		report.line("");
		report.line("| | %s |", String.join(" | ", scenarios.stream().map(Scenario.Result::system).toList()));
		report.line("|---|%s", "---|".repeat(scenarios.size()));
		report.line("| upstream calls per interval, mean | %s |", join(scenarios, (r) -> fmt("%.2f", r.mean())));
		report.line("| upstream calls per interval, max | %s |", join(scenarios, (r) -> String.valueOf(r.max())));
		report.line("| intervals without a call | %s |", join(scenarios, (r) -> String.valueOf(r.skipped())));
		report.line("| pause between calls the crash caused | %s |",
				join(scenarios, (r) -> r.crashGapMillis() + " ms"));
		report.line("| pause between calls the graceful shutdown caused | %s |",
				join(scenarios, (r) -> r.gracefulGapMillis() + " ms"));
		report.line("| new leader after the crash | %s |", join(scenarios, (r) -> leaderTime(r.crashFailoverMillis())));
		report.line("| new leader after the graceful shutdown | %s |",
				join(scenarios, (r) -> leaderTime(r.handoffMillis())));
		report.line("| Redis commands/s per instance (Bellwether: idle, jobs paused) | %s |",
				join(scenarios, (r) -> fmt("%.3f", r.redisPerIdleInstance())));
		report.line("");
		report.line("## Bellwether: publish-to-apply latency across %d followers", size - 1);
		report.line("");
		report.line(
				"From the leader calling `publish` to the revision landing in each follower's memory, 30 revisions each.");
		report.line("");
		report.line("| payload | p50 | p99 | max | samples |");
		report.line("|---|---|---|---|---|");
		sync.forEach((payload, sorted) -> report.line("| %s | %s | %d |", payload, Report.percentiles(sorted),
				sorted.size()));
		report.line("");
		report.line("## Bellwether: graceful handoff (%d step-downs)", handoffs.size());
		report.line("");
		report.line("| p50 | p99 | max |");
		report.line("|---|---|---|");
		report.line("| %.1f ms | %.1f ms | %.1f ms |", Report.percentileOf(handoffs, 0.5),
				Report.percentileOf(handoffs, 0.99), Report.percentileOf(handoffs, 1.0));
		report.line("");
		report.line("## Heap per instance attributable to Bellwether");
		report.line("");
		report.line("%.0f KB (heap after GC of %d idle Bellwether instances, minus %d bare ones, divided by %d)",
				heapPerInstance / 1024, size, size, size);
		report.line("");
		report.line("## Reads (JMH, average time)");
		report.line("");
		report.line("| read | ns/op | ± |");
		report.line("|---|---|---|");
		for (RunResult read : reads) {
			String method = read.getParams().getBenchmark().replaceFirst(".*\\.", "");
			report.line("| %s | %.1f | %.1f |", ReadBenchmarks.names().get(method), read.getPrimaryResult().getScore(),
					read.getPrimaryResult().getScoreError());
		}
	}

	private static String leaderTime(long millis) {
		return (millis < 0) ? "n/a" : millis + " ms";
	}

	private static String join(List<Scenario.Result> results,
			java.util.function.Function<Scenario.Result, String> cell) {
		return String.join(" | ", results.stream().map(cell).toList());
	}

	private static String fmt(String format, double value) {
		return String.format(java.util.Locale.ROOT, format, value);
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
