package dev.bellwether.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A chaos run's findings in Markdown: the seed, the faults by kind, each invariant with
 * its checks and violations, convergence, and the intervals without a call by cause.
 */
final class Report {

	private final ChaosRun.Settings settings;

	private final List<Finding> findings;

	private final Map<Fault.Kind, Integer> faults;

	private final History history;

	private final Map<String, Long> missedByCause;

	private final Duration took;

	Report(ChaosRun.Settings settings, List<Finding> findings, Map<Fault.Kind, Integer> faults, History history,
			Map<String, Long> missedByCause, Duration took) {
		this.settings = settings;
		this.findings = findings;
		this.faults = faults;
		this.history = history;
		this.missedByCause = missedByCause;
		this.took = took;
	}

	/**
	 * The violations of every invariant, in all.
	 * @return the count
	 */
	long violations() {
		return this.findings.stream().filter((finding) -> !finding.isTally()).mapToLong(Finding::violations).sum();
	}

	String markdown() {
		StringBuilder out = new StringBuilder();
		Fleet.Topology topology = this.settings.topology();
		out.append("## Chaos run against ")
			.append(topology.title())
			.append(": seed ")
			.append(this.settings.seed())
			.append("\n\n");
		out.append(this.settings.rounds())
			.append(" rounds in ")
			.append(this.took.toMinutes())
			.append(" min ")
			.append(this.took.toSecondsPart())
			.append(" s against ")
			.append(this.settings.instances())
			.append(" instances of the hedging sample, each a JVM of its own that reaches ")
			.append(topology.reach())
			.append(", and the sample's upstream. Leader ttl ")
			.append(Fleet.TTL.toMillis())
			.append(" ms, verify interval ")
			.append(Fleet.VERIFY_INTERVAL.toMillis())
			.append(" ms, rates every ")
			.append(Fleet.RATES_INTERVAL.toMillis())
			.append(" ms, terms every ")
			.append(Fleet.TERMS_INTERVAL.toMillis())
			.append(" ms; a customer's terms asked for every ")
			.append(Lookups.PACE.toMillis())
			.append(" ms on a random instance (")
			.append(Lookups.CUSTOMERS)
			.append(" customers, looked up on demand and kept ")
			.append(Fleet.LOOKUP_TTL.toMillis())
			.append(" ms). Replay: `./mvnw -B -pl chaos -am -Pchaos verify -DskipTests -Dchaos.seed=")
			.append(this.settings.seed());
		for (Fleet.Topology each : Fleet.Topology.values()) {
			out.append(" -D")
				.append(each.roundsProperty())
				.append('=')
				.append((each == topology) ? this.settings.rounds() : 0);
		}
		out.append("`.\n\n");
		out.append("### Faults\n\n| kind | count |\n|---|---|\n");
		this.faults.forEach((kind, count) -> out.append("| ")
			.append(kind.name().toLowerCase().replace('_', '-'))
			.append(" | ")
			.append(count)
			.append(" |\n"));
		out.append("\n### Invariants\n\n| invariant | checks | violations |\n|---|---|---|\n");
		this.findings.stream()
			.filter((finding) -> !finding.isTally())
			.forEach((finding) -> out.append("| ")
				.append(finding.invariant())
				.append(" | ")
				.append(finding.checked())
				.append(" | ")
				.append(finding.violations())
				.append(" |\n"));
		out.append("\n### Convergence after the last fault of a round healed\n\n");
		List<Long> convergence = this.history.settlings()
			.stream()
			.map(History.Settling::convergenceMillis)
			.filter((millis) -> millis >= 0)
			.sorted()
			.toList();
		List<Long> healing = this.history.settlings()
			.stream()
			.map((settling) -> settling.healedAt() - settling.lastFaultAt())
			.sorted()
			.toList();
		out.append("| | median | worst |\n|---|---|---|\n");
		out.append("| every instance ready again (after a crash: a new JVM) | ")
			.append(median(healing))
			.append(" ms | ")
			.append(worst(healing))
			.append(" ms |\n");
		out.append("| then every instance holding what Redis held | ")
			.append(median(convergence))
			.append(" ms | ")
			.append(worst(convergence))
			.append(" ms |\n");
		out.append("\n### Events that are not violations\n\n| event | count |\n|---|---|\n");
		this.findings.stream()
			.filter(Finding::isTally)
			.forEach((finding) -> out.append("| ")
				.append(finding.invariant())
				.append(" | ")
				.append(finding.violations())
				.append(" |\n"));
		out.append("| instances not ready ")
			.append(Fleet.STUCK.toSeconds())
			.append(" s after a start, so dumped (see their logs), killed and started again | ")
			.append(this.history.relaunches().size())
			.append(" |\n");
		out.append("\nIntervals without an answered upstream call, by dataset and the faults that overlapped them:\n\n")
			.append("| dataset: faults | intervals |\n|---|---|\n");
		this.missedByCause
			.forEach((cause, count) -> out.append("| ").append(cause).append(" | ").append(count).append(" |\n"));
		String examples = this.findings.stream()
			.filter((finding) -> !finding.examples().isEmpty())
			.map((finding) -> "- **" + finding.invariant() + "**\n"
					+ finding.examples().stream().map((example) -> "  - " + example).collect(Collectors.joining("\n")))
			.collect(Collectors.joining("\n"));
		if (!examples.isEmpty()) {
			out.append("\n### First events of each kind\n\n").append(examples).append("\n");
		}
		return out.toString();
	}

	private static String median(List<Long> sorted) {
		return sorted.isEmpty() ? "–" : Long.toString(sorted.get(sorted.size() / 2));
	}

	private static String worst(List<Long> sorted) {
		return sorted.isEmpty() ? "–" : Long.toString(sorted.get(sorted.size() - 1));
	}

}
