package dev.bellwether.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the chaos suite from the command line (the {@code chaos} profile): rounds against
 * one redis-server, then rounds against Sentinel, then rounds against Cluster, with
 * settings from system properties: {@code chaos.app} (the hedging sample's jar),
 * {@code chaos.rounds}, {@code chaos.sentinel-rounds} and {@code chaos.cluster-rounds} (0
 * skips that topology), {@code chaos.seed} (0 for a new one), {@code chaos.instances} and
 * {@code chaos.report}.
 */
public final class ChaosMain {

	private static final String HEADER = """
			# Bellwether chaos runs

			Written by `./mvnw -B -pl chaos -am -Pchaos verify -DskipTests`. Each round plays one to three
			faults, chosen by the seed, that start within four seconds of each other and overlap; then
			every fault heals, every instance becomes ready, and the round waits until every instance
			holds what Redis holds. After the last round the checker reads the whole history: Redis'
			announcements of grants and accepted publications (recorded on subscriptions straight to
			every redis-server; on a Cluster, `MONITOR` on every node tells which one ran each script),
			every instance's revisions (polled every 100 ms), the upstream's calls with the caller's
			token, and the faults.

			""";

	private ChaosMain() {
	}

	/**
	 * Runs every topology, writes the report, and exits with 1 if any invariant was
	 * violated.
	 * @param args unused
	 */
	public static void main(String[] args) {
		List<Report> reports = new ArrayList<>();
		for (Fleet.Topology topology : Fleet.Topology.values()) {
			if (topology.rounds() > 0) {
				reports.add(run(topology, topology.rounds()));
			}
		}
		Path file = Path.of(System.getProperty("chaos.report", "target/chaos/report.md"));
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, HEADER + String.join("\n", reports.stream().map(Report::markdown).toList()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out.println("[chaos] report written to " + file.toAbsolutePath());
		System.exit(reports.stream().anyMatch((report) -> report.violations() > 0) ? 1 : 0);
	}

	/**
	 * Runs the given rounds against a topology and prints the report.
	 * @param topology the Redis to run against
	 * @param rounds how many rounds
	 * @return the report
	 */
	static Report run(Fleet.Topology topology, int rounds) {
		Path jar = Path.of(System.getProperty("chaos.app", "../sample-hedging-app/target/sample-hedging-app.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No hedging sample jar at " + jar.toAbsolutePath()
					+ "; build it first: ./mvnw -B -pl sample-hedging-app -am package -DskipTests");
		}
		long seed = Long.getLong("chaos.seed", 0);
		ChaosRun.Settings settings = new ChaosRun.Settings(jar, topology, Integer.getInteger("chaos.instances", 5),
				rounds, (seed != 0) ? seed : System.nanoTime(),
				Path.of("target", "chaos", topology.name().toLowerCase()));
		Report report = new ChaosRun(settings).run();
		System.out.println(report.markdown());
		return report;
	}

}
