package dev.bellwether.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import dev.bellwether.test.RedisServer;
import org.openjdk.jmh.results.RunResult;

/**
 * Runs the large-dataset benchmark against a real local redis-server with its default
 * limits, then compares codecs on its JSON ({@code -Dbench.large.codecs=false} skips
 * them), and writes {@code results/large-datasets.md}.
 */
public final class LargeBenchMain {

	private LargeBenchMain() {
	}

	public static void main(String[] args) throws Exception {
		double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		Path results = Path.of(System.getProperty("bench.results", "results"));
		Path work = Files.createDirectories(Path.of("target", "large"));
		List<LargeBench.Row> rows;
		String limits;
		try (RedisServer redis = RedisServer.start()) {
			limits = String.join(" ", redis.commands().configGet("client-output-buffer-limit").values());
			rows = LargeBench.run(redis, work);
		}
		Report report = new Report();
		write(report, loadAtStart, limits, rows);
		if (Boolean.parseBoolean(System.getProperty("bench.large.codecs", "true"))) {
			System.out.println("[benchmark] large: codecs (JMH)");
			codecs(report, BenchmarkMain.jmh(CodecBenchmarks.class));
		}
		report.write(results, "large-datasets.md");
		System.out
			.println("[benchmark] large: results written to " + results.resolve("large-datasets.md").toAbsolutePath());
		System.exit(0);
	}

	private static void write(Report report, double loadAtStart, String limits, List<LargeBench.Row> rows) {
		report.line("# Large datasets to %d followers", LargeBench.SUBSCRIBERS);
		report.line("");
		report.line("One run on this machine (%d cores; load average %.1f when it started, %.1f when it ended),",
				Runtime.getRuntime().availableProcessors(), loadAtStart,
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		report.line("against one local redis-server with its default limits (`client-output-buffer-limit %s`).",
				limits);
		report.line("Regenerate with `./mvnw -B -pl benchmarks -am -Plarge-benchmarks verify -DskipTests`.");
		report.line("");
		report.line("The leader publishes a price book (JSON, a map of instrument id to its record) of each size,");
		report.line("%d times after %d unmeasured, waiting each time until every follower holds it. %d",
				LargeBench.PUBLICATIONS, LargeBench.WARMUP, LargeBench.PROCESSES);
		report.line("followers are Bellwether instances in JVMs of their own that decode and hold the book; %d",
				LargeBench.SUBSCRIBERS - LargeBench.PROCESSES);
		report.line("light connections subscribe and, told of a revision, read its value as a follower does,");
		report.line("on a connection of their own, then drop it (two threads serve them all). A follower's time");
		report.line("runs from the leader's `publish` to the moment it holds the value (decoded, for the");
		report.line("followers in their own JVMs; read whole, for the light ones). Every process shares the");
		report.line("machine's cores: these are the figures of one machine, not of a fleet of pods.");
		report.line("");
		report.line("| | %s |", Report.cells(rows, LargeBenchMain::size));
		report.line("|---|%s", "---|".repeat(rows.size()));
		report.line("| encoded size | %s |", Report.cells(rows, (r) -> mb(r.encodedBytes())));
		report.line("| per follower: p50 | %s |", Report.cells(rows, (r) -> millis(r.perFollower(), 0.5)));
		report.line("| per follower: p99 | %s |", Report.cells(rows, (r) -> millis(r.perFollower(), 0.99)));
		report.line("| until every follower held it: p50 | %s |",
				Report.cells(rows, (r) -> millis(r.everyFollower(), 0.5)));
		report.line("| until every follower held it: p99 | %s |",
				Report.cells(rows, (r) -> millis(r.everyFollower(), 0.99)));
		report.line("| until every follower held it: max | %s |",
				Report.cells(rows, (r) -> millis(r.everyFollower(), 1.0)));
		report.line("| publications some follower did not hold within 2 min | %s |",
				Report.cells(rows, (r) -> r.lost() + " of " + LargeBench.PUBLICATIONS));
		report.line("| bytes Redis sent per publication | %s |", Report.cells(rows, (r) -> mb(r.sentPerPublication())));
		report.line("| Redis' peak memory | %s |", Report.cells(rows, (r) -> mb(r.peakUsedMemory())));
		report.line("| largest output buffer of a client | %s |", Report.cells(rows, (r) -> mb(r.peakOutputBuffer())));
		report.line("| largest sum of the clients' output buffers | %s |",
				Report.cells(rows, (r) -> mb(r.peakOutputBuffers())));
		report.line("| the longest Redis took to answer `INFO` (5 s: no answer within the sampler's timeout) | %s |",
				Report.cells(rows, (r) -> Report.fmt("%d ms", r.slowestRedisMillis())));
		report.line("| publications refused because the leader had lost its leadership meanwhile | %s |",
				Report.cells(rows, (r) -> String.valueOf(r.leadershipsLost())));
		report.line("| subscribers disconnected | %s |", Report.cells(rows, (r) -> String.valueOf(r.disconnected())));
		report.line("| CPU of a follower JVM per publication | %s |",
				Report.cells(rows, (r) -> Report.fmt("%.0f ms", r.followerCpuMillis())));
		report.line("| heap peak of a follower JVM | %s |", Report.cells(rows, (r) -> mb(r.followerHeapPeak())));
	}

	private static void codecs(Report report, Collection<RunResult> results) {
		byte[] json = CodecBenchmarks.json();
		report.line("");
		report.line("## Codecs on the %s book", mb(json.length));
		report.line("");
		report.line("Compressed once on the leader, decompressed once on each follower (JMH, average time of");
		report.line("one call, on the same JSON as above).");
		report.line("");
		report.line("| codec | compressed | fewer bytes | compress | decompress |");
		report.line("|---|---|---|---|---|");
		for (Codec codec : Codec.values()) {
			int compressed = codec.compress(json).length;
			report.line("| %s | %s | %.1f%% | %s | %s |", codec.title(), mb(compressed),
					100.0 * (json.length - compressed) / json.length, score(results, codec, "compress"),
					score(results, codec, "decompress"));
		}
	}

	private static String score(Collection<RunResult> results, Codec codec, String benchmark) {
		return results.stream()
			.filter((result) -> result.getParams().getParam("codec").equals(codec.id())
					&& result.getParams().getBenchmark().endsWith("." + benchmark))
			.findFirst()
			.map((result) -> Report.fmt("%.1f ms", result.getPrimaryResult().getScore()))
			.orElse("–");
	}

	private static String size(LargeBench.Row row) {
		return (row.bytes() >= 1024 * 1024) ? (row.bytes() / (1024 * 1024)) + " MB" : (row.bytes() / 1024) + " KB";
	}

	private static String mb(long bytes) {
		return Report.fmt("%.1f MB", bytes / (1024.0 * 1024.0));
	}

	private static String millis(List<Double> millis, double quantile) {
		return millis.isEmpty() ? "–" : Report.fmt("%.0f ms", Report.percentileOf(millis, quantile));
	}

}
