package dev.bellwether.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.bellwether.test.RedisServer;
import org.openjdk.jmh.results.RunResult;

/**
 * Runs the {@code @Cacheable} comparison against a real local redis-server and writes
 * {@code results/cacheable.md}: Bellwether's cache manager, Spring Data Redis'
 * {@code RedisCacheManager} and Redisson's local cached map, on the same service and the
 * same workload.
 */
public final class CacheBenchMain {

	private static final List<String> SYSTEMS = List.of("bellwether", "redis-cache-manager",
			"redisson-local-cached-map");

	private static final List<String> TITLES = List.of("Bellwether", "`RedisCacheManager` (`sync = true`)",
			"Redisson local cached map");

	private CacheBenchMain() {
	}

	public static void main(String[] args) throws Exception {
		double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		Path results = Path.of(System.getProperty("bench.results", "results"));
		List<CacheBench.Result> rows = new ArrayList<>();
		try (RedisServer redis = RedisServer.start()) {
			for (String system : SYSTEMS) {
				System.out.println("[bench] " + system);
				rows.add(CacheBench.run(redis, system, Path.of("target", "cache")));
			}
		}
		System.out.println("[bench] JMH");
		Collection<RunResult> hits = BenchmarkMain.jmh(CacheReadBenchmarks.class);
		Report report = new Report();
		write(report, loadAtStart, rows, hits);
		report.write(results, "cacheable.md");
		System.out.println("[bench] results written to " + results.resolve("cacheable.md").toAbsolutePath());
		System.exit(0);
	}

	private static void write(Report report, double loadAtStart, List<CacheBench.Result> rows,
			Collection<RunResult> hits) {
		int instances = rows.get(0).instances();
		report.line("# `@Cacheable` for the fleet: Bellwether, `RedisCacheManager` and Redisson");
		report.line("");
		report.line("One run on this machine (%d cores; load average %.1f when it started, %.1f when it ended),",
				Runtime.getRuntime().availableProcessors(), loadAtStart,
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		report.line("against one local redis-server. Regenerate with");
		report.line("`./mvnw -B -pl benchmarks -am -Pcache-benchmarks verify -DskipTests`.");
		report.line("");
		report.line("Every system runs the same service: `@Cacheable(cacheNames = \"quotes\", sync = true)` on a");
		report.line("method that calls the upstream, which takes %d ms to answer. %d instances: %d application",
				CacheNodes.UPSTREAM_MILLIS, instances, CacheBench.IN_JVM);
		report.line("contexts in the benchmark's JVM and %d in JVMs of their own, each with its own Redis",
				CacheBench.OWN_JVMS);
		report.line("connections and every setting at its default. Redisson's local cached map sits behind");
		report.line("Spring's cache as Redisson's own Spring cache wraps a map (its local-cached manager is in");
		report.line("Redisson PRO only): a miss takes the key's `RLock`, reads again and loads if still missing.");
		report.line("");
		report.line("## Cold keys: every instance asks for the same %d keys at once, in the same order",
				CacheBench.KEYS);
		report.line("");
		report.line("The hardest case for one load per key: all %d instances miss each key together.", instances);
		report.line("");
		report.line("| | %s |", String.join(" | ", TITLES));
		report.line("|---|---|---|---|");
		report.line("| upstream calls per key, fleet-wide: mean | %s |",
				Report.cells(rows, (r) -> Report.fmt("%.2f", r.meanLoads())));
		report.line("| upstream calls per key: max | %s |", Report.cells(rows, (r) -> String.valueOf(r.maxLoads())));
		report.line("| keys called more than once | %s |",
				Report.cells(rows, (r) -> r.keysLoadedMoreThanOnce() + " of " + r.loadsPerKey().size()));
		report.line("| until every instance had every key | %s |",
				Report.cells(rows, (r) -> Report.fmt("%.1f s", r.coldMillis() / 1000.0)));
		report.line("");
		report.line("## Evict on one instance until no instance serves the old value (%d evicts)", CacheBench.EVICTS);
		report.line("");
		report.line("Every instance holds the key, and a request asks each instance's service for it every");
		report.line("0.5 ms (through `@Cacheable`, which loads the key again once it is gone); instance 0");
		report.line("then evicts it. For each instance, the time runs from the evict to the start of its first");
		report.line("request that did not get the old value; the first rows take the last instance of %d.",
				rows.get(0).instances());
		report.line("`RedisCacheManager` has no near cache: every request is a round trip, so its figure is");
		report.line("how soon one after `DEL` begins. A watch gives up after %d s: the percentiles are of",
				CacheInstance.WATCH_LIMIT_NANOS / 1_000_000_000);
		report.line("what the watches saw. The %d instances in the benchmark's JVM and their %d watching",
				CacheBench.IN_JVM, CacheBench.IN_JVM);
		report.line("threads share the machine's %d cores with everything else; the rows for the",
				Runtime.getRuntime().availableProcessors());
		report.line("instances in JVMs of their own are the ones to set beside the datasets' sync figures.");
		report.line("");
		report.line("| | %s |", String.join(" | ", TITLES));
		report.line("|---|---|---|---|");
		for (double quantile : new double[] { 0.5, 0.99, 1.0 }) {
			report.line("| every instance: %s | %s |", name(quantile),
					Report.cells(rows, (r) -> millis(r.evictsSeen(), quantile)));
		}
		for (double quantile : new double[] { 0.5, 0.99 }) {
			report.line("| an instance in a JVM of its own: %s | %s |", name(quantile),
					Report.cells(rows, (r) -> millis(r.evictsSeenInOwnJvms(), quantile)));
		}
		for (double quantile : new double[] { 0.5, 0.99 }) {
			report.line("| an instance in the benchmark's JVM: %s | %s |", name(quantile),
					Report.cells(rows, (r) -> millis(r.evictsSeenInOneJvm(), quantile)));
		}
		report.line("| evicts after which an instance still served the old value %d s later | %s |",
				CacheInstance.WATCH_LIMIT_NANOS / 1_000_000_000,
				Report.cells(rows, (r) -> r.evictsStillServed() + " of " + r.evicts().size()));
		report.line("");
		report.line("## Requests to Redis per miss and per hit (one instance alone)");
		report.line("");
		report.line("Counted with `MONITOR` while one instance, before the others start, asks for %d new keys",
				CacheBench.KEYS);
		report.line("and then for the same keys again, less what it sends when idle over as long. Commands a");
		report.line("script runs inside Redis are not requests.");
		report.line("");
		report.line("| | %s |", String.join(" | ", TITLES));
		report.line("|---|---|---|---|");
		report.line("| per miss | %s |", Report.cells(rows, (r) -> Report.fmt("%.2f", r.requestsPerMiss())));
		report.line("| per hit | %s |", Report.cells(rows, (r) -> Report.fmt("%.2f", r.requestsPerHit())));
		report.line("");
		report.line("## A hit on an instance that holds the key (JMH, average time)");
		report.line("");
		report.line("| | `Cache.get(key)` | the whole `@Cacheable` call |");
		report.line("|---|---|---|");
		for (int i = 0; i < SYSTEMS.size(); i++) {
			String system = SYSTEMS.get(i);
			report.line("| %s | %s | %s |", TITLES.get(i), score(hits, system, "cacheGet"),
					score(hits, system, "cacheableCall"));
		}
	}

	private static String name(double quantile) {
		return (quantile == 1.0) ? "max" : "p" + (int) Math.round(quantile * 100);
	}

	private static String millis(List<Double> millis, double quantile) {
		return millis.isEmpty() ? "–" : Report.fmt("%.1f ms", Report.percentileOf(millis, quantile));
	}

	private static String score(Collection<RunResult> hits, String system, String benchmark) {
		return hits.stream()
			.filter((hit) -> hit.getParams().getParam("system").equals(system)
					&& hit.getParams().getBenchmark().endsWith("." + benchmark))
			.findFirst()
			.map((hit) -> Report.fmt("%.1f ns ± %.1f", hit.getPrimaryResult().getScore(),
					hit.getPrimaryResult().getScoreError()))
			.orElse("–");
	}

}
