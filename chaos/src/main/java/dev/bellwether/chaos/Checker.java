package dev.bellwether.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.bellwether.chaos.History.Announcement;
import dev.bellwether.chaos.History.Call;
import dev.bellwether.chaos.History.FaultSpan;
import dev.bellwether.chaos.History.Load;
import dev.bellwether.chaos.History.Observation;
import dev.bellwether.chaos.History.Settling;

/**
 * Reads a run's history and checks the library's claims over all of it, each as an
 * invariant with how often it was checked and how often it was violated.
 */
final class Checker {

	private static final String UNREACHED = "did not reach Redis";

	/**
	 * How long before its count was seen to grow a failed store call may have begun: the
	 * longest call (1 s) and one poll.
	 */
	private static final Duration STORE_FAILURE_SEEN_WITHIN = Duration.ofMillis(1100);

	/** How soon a change of master is seen ({@link History.MasterSwitch}). */
	private static final Duration MASTER_SWITCH_SEEN_WITHIN = Duration.ofMillis(50);

	private final History history;

	private final Fleet.Topology topology;

	private final Map<String, Long> intervals;

	private final long verifyMillis;

	private final long loadTtlMillis;

	/** Intervals without an answered call, by the kinds of fault that overlapped them. */
	private final Map<String, Long> missedByCause = new TreeMap<>();

	/**
	 * The position of each accepted publication in Redis' order, by dataset/store/rev.
	 */
	private final Map<String, Integer> accepted = new HashMap<>();

	/**
	 * The faults and master switches, read once: every interval and announcement looks
	 * them up.
	 */
	private final List<FaultSpan> faults;

	private final List<History.MasterSwitch> switches;

	Checker(History history, Fleet.Topology topology, Map<String, Long> intervals, long verifyMillis,
			long loadTtlMillis) {
		this.history = history;
		this.topology = topology;
		this.faults = history.faults();
		this.switches = history.switches();
		this.intervals = intervals;
		this.verifyMillis = verifyMillis;
		this.loadTtlMillis = loadTtlMillis;
		List<Announcement> announcements = history.announcements();
		for (int i = 0; i < announcements.size(); i++) {
			Announcement announcement = announcements.get(i);
			if (announcement.isPublication()) {
				this.accepted.put(announcement.key(), i);
			}
		}
	}

	List<Finding> check() {
		List<Finding> findings = new ArrayList<>();
		findings.addAll(fencing());
		findings.add(regressions());
		findings.add(dataLost());
		findings.addAll(calls());
		findings.addAll(loads());
		findings.add(convergence());
		return findings;
	}

	/**
	 * Publications Redis accepted from a token after a later grant or its release, and
	 * grants whose epoch was not above every earlier one. Under Sentinel and Cluster only
	 * the current master counts: what a replaced master still ran (a command that waited
	 * in its socket while it was paused, say) is discarded when it is demoted, and is
	 * tallied.
	 */
	private List<Finding> fencing() {
		Finding deposed = Finding.invariant("publications accepted from a token that no longer led");
		Finding epochs = Finding.invariant("grants whose epoch was not above every earlier grant");
		Finding unseen = Finding.tally("publications from an epoch whose grant the recorder missed");
		Finding replaced = Finding.tally("announcements from a master that a failover had replaced");
		long highest = 0;
		Long holder = null;
		Map<Long, Boolean> granted = new HashMap<>();
		for (Announcement announcement : this.history.announcements()) {
			if (fromReplacedMaster(announcement)) {
				replaced.check(false, () -> announcement.type() + " " + announcement.token() + describe(announcement)
						+ " ran on :" + announcement.ranOn() + ", heard from :" + announcement.sources());
				continue;
			}
			switch (announcement.type()) {
				case "elected" -> {
					epochs.check(announcement.epoch() > highest,
							() -> "epoch " + announcement.epoch() + " granted to " + announcement.token() + " after "
									+ granted.keySet().stream().max(Long::compare).orElse(0L));
					highest = Math.max(highest, announcement.epoch());
					holder = announcement.epoch();
					granted.put(announcement.epoch(), true);
				}
				case "released" -> {
					if (holder != null && holder == announcement.epoch()) {
						holder = null;
					}
				}
				default -> {
					if (!granted.containsKey(announcement.epoch())) {
						unseen.check(false, () -> describe(announcement));
						continue;
					}
					Long leading = holder;
					deposed.check(leading != null && leading == announcement.epoch(), () -> describe(announcement)
							+ " while "
							+ ((leading != null) ? "epoch " + leading + " led" : "the leadership was released"));
				}
			}
		}
		return List.of(deposed, epochs, unseen, replaced);
	}

	/**
	 * Whether a master that a failover had replaced published it, allowing for the
	 * watcher seeing a switch up to 200 ms late. Under Sentinel: heard from that node
	 * alone, as no replica follows it any more. On a Cluster every node passes a
	 * {@code PUBLISH} on, so the node that ran the script tells: it was neither master
	 * then nor 200 ms later. An announcement whose node is not known counts.
	 */
	private boolean fromReplacedMaster(Announcement announcement) {
		int late = masterAt(announcement.at() + 200);
		if (this.topology.broadcastsAnnouncements()) {
			Set<Integer> ranOn = announcement.ranOn();
			return !ranOn.isEmpty() && !ranOn.contains(late) && !ranOn.contains(masterAt(announcement.at()));
		}
		Set<Integer> sources = announcement.sources();
		return sources.size() == 1 && !sources.contains(late);
	}

	/** The master the watcher had last seen at a moment. */
	private int masterAt(long at) {
		int master = -1;
		for (History.MasterSwitch masterSwitch : this.switches) {
			if (masterSwitch.at() <= at) {
				master = masterSwitch.port();
			}
		}
		return master;
	}

	/** Revisions an instance held that were older than one it had held before. */
	private Finding regressions() {
		Finding finding = Finding.invariant("revision regressions at an instance");
		byNodeAndDataset().forEach((key, observations) -> {
			Observation newest = null;
			for (Observation observation : observations) {
				if (!observation.holdsData()) {
					continue;
				}
				Observation previous = newest;
				boolean older = previous != null && isOlder(observation, previous);
				finding.check(!older, () -> observation.node() + " went from " + previous.store() + "/"
						+ previous.revision() + " back to " + observation.store() + "/" + observation.revision());
				if (!older) {
					newest = observation;
				}
			}
		});
		return finding;
	}

	/** An incarnation of an instance that had data and later had none. */
	private Finding dataLost() {
		Finding finding = Finding.invariant("data lost at an instance (held data, later none)");
		byNodeAndDataset().forEach((key, observations) -> {
			Observation had = null;
			for (Observation observation : observations) {
				if (had != null && had.incarnation() == observation.incarnation()) {
					Observation before = had;
					finding.check(observation.holdsData(), () -> observation.node() + " lost its "
							+ observation.dataset() + " (held " + before.revision() + ")");
				}
				if (observation.holdsData()) {
					had = observation;
				}
			}
		});
		return finding;
	}

	/**
	 * Two answered upstream calls of one dataset less than half an interval apart,
	 * whoever made them: the rate-limited API counts every answered call, so one leader's
	 * call sent late (such as a cold JVM's first) is as much a violation as two leaders'
	 * calls in one interval. Also the intervals with no answered call, with the faults
	 * that overlapped them.
	 */
	private List<Finding> calls() {
		Finding close = Finding.invariant("answered upstream calls of one dataset less than half an interval apart");
		Finding missed = Finding.tally("intervals without an answered upstream call");
		Map<String, List<Call>> byDataset = this.history.calls()
			.stream()
			.filter(Call::succeeded)
			.sorted(Comparator.comparingLong(Call::at))
			.collect(Collectors.groupingBy(Call::dataset, LinkedHashMap::new, Collectors.toList()));
		byDataset.forEach((dataset, calls) -> {
			long interval = this.intervals.get(dataset);
			for (int i = 1; i < calls.size(); i++) {
				Call previous = calls.get(i - 1);
				Call call = calls.get(i);
				long gap = call.at() - previous.at();
				close.check(gap >= interval / 2,
						() -> dataset + ": " + previous.node() + "#" + previous.epoch() + " then " + call.node() + "#"
								+ call.epoch() + " " + gap + " ms apart; faults: " + faults(previous.at(), call.at()));
				long skipped = Math.round((double) gap / interval) - 1;
				if (skipped > 0) {
					this.missedByCause.merge(dataset + ": " + faultKinds(previous.at(), call.at()), skipped, Long::sum);
				}
				for (long s = 0; s < Math.max(1, skipped); s++) {
					missed.check(skipped <= 0, () -> dataset + ": " + gap + " ms between calls; faults: "
							+ faults(previous.at(), call.at()));
				}
			}
		});
		return List.of(close, missed);
	}

	/**
	 * Two answered loads of one key, the second before the first's answer was its time to
	 * live old: the fleet loads a key once and every instance takes that value, so that
	 * is a violation, unless a round of faults was on between the two (from its first
	 * fault until it settled), the master changed (a write to the old one can be lost
	 * with asynchronous replication; the Sentinels or the Cluster fail a paused master
	 * over on their own, at times after its round settled), or one of the two loaders did
	 * not reach Redis (its health said {@code redis} DOWN) or had a call of its on-demand
	 * cache to Redis fail (its {@code bellwether.cache.store.failures} grew), as while it
	 * reconnects after a fault healed. Then each instance loads for itself by design, and
	 * a loader paused or crashed holding a claim is replaced when its lease ends; those
	 * loads are tallied with their causes.
	 */
	private List<Finding> loads() {
		Finding once = Finding.invariant("answered loads of one key within its time to live (" + this.loadTtlMillis
				+ " ms), no round of faults on until it settled, no master change, both loaders reaching Redis");
		Finding degraded = Finding.tally("answered loads of one key within its time to live while a round of faults "
				+ "was on, the master changed or a loader did not reach Redis");
		Map<String, List<Load>> byKey = this.history.loads()
			.stream()
			.filter(Load::succeeded)
			.sorted(Comparator.comparingLong(Load::at))
			.collect(Collectors.groupingBy(Load::key, LinkedHashMap::new, Collectors.toList()));
		List<Span> degrading = new ArrayList<>(unsettledRounds());
		degrading.addAll(unreached());
		degrading.addAll(storeFailures());
		this.switches.stream()
			.map((change) -> new Span(change.at() - MASTER_SWITCH_SEEN_WITHIN.toMillis(), change.at(), null,
					"the master changed"))
			.forEach(degrading::add);
		byKey.forEach((key, loads) -> {
			for (int i = 1; i < loads.size(); i++) {
				Load previous = loads.get(i - 1);
				Load load = loads.get(i);
				boolean again = load.at() < previous.answeredAt() + this.loadTtlMillis;
				List<Span> spans = degrading.stream().filter((span) -> span.explains(previous, load)).toList();
				Supplier<String> description = () -> key + ": " + previous.node() + " then " + load.node() + " "
						+ (load.at() - previous.answeredAt()) + " ms after its answer; faults: "
						+ faults(previous.at(), load.at())
						+ spans.stream()
							.filter((span) -> !span.why().isEmpty())
							.map((span) -> "; " + ((span.node() != null) ? span.node() + " " : "") + span.why())
							.distinct()
							.collect(Collectors.joining());
				if (again && !spans.isEmpty()) {
					degraded.check(false, description);
				}
				else {
					once.check(!again, description);
				}
			}
		});
		return List.of(once, degraded);
	}

	/**
	 * When each round of faults was on: from its first fault until it settled (its last
	 * fault healed, every instance ready and holding what Redis held).
	 */
	private List<Span> unsettledRounds() {
		Map<Integer, Span> rounds = new TreeMap<>();
		for (FaultSpan fault : this.faults) {
			rounds.merge(fault.round(), Span.ofRound(fault.begin(), fault.end()),
					(a, b) -> Span.ofRound(Math.min(a.from(), b.from()), Math.max(a.to(), b.to())));
		}
		for (Settling settling : this.history.settlings()) {
			rounds.computeIfPresent(settling.round(), (number, round) -> Span.ofRound(round.from(),
					Math.max(round.to(), Math.max(settling.healedAt(), settling.convergedAt()))));
		}
		return List.copyOf(rounds.values());
	}

	/** When an instance did not reach Redis: from a DOWN it said until its next UP. */
	private List<Span> unreached() {
		List<Span> spans = new ArrayList<>();
		Map<String, Long> downSince = new HashMap<>();
		for (History.RedisView view : this.history.redisViews()) {
			if (!view.reached()) {
				downSince.putIfAbsent(view.node(), view.at());
			}
			else {
				Long since = downSince.remove(view.node());
				if (since != null) {
					spans.add(new Span(since, view.at(), view.node(), UNREACHED));
				}
			}
		}
		downSince.forEach((node, since) -> spans.add(new Span(since, Long.MAX_VALUE, node, UNREACHED)));
		return spans;
	}

	/**
	 * When a call of an instance's on-demand cache to Redis failed: within the call bound
	 * and the poll before its count was seen to grow.
	 */
	private List<Span> storeFailures() {
		return this.history.storeFailures()
			.stream()
			.map((failure) -> new Span(failure.at() - STORE_FAILURE_SEEN_WITHIN.toMillis(), failure.at(),
					failure.node(), "had a call of its on-demand cache to Redis fail"))
			.toList();
	}

	/**
	 * A time when loads may repeat by design.
	 *
	 * @param from when it began
	 * @param to when it ended
	 * @param node the instance it concerns, or {@code null} for the whole fleet (not
	 * annotated: this module does not depend on JSpecify)
	 * @param why what happened, empty for a round of faults (its faults are listed)
	 */
	private record Span(long from, long to, String node, String why) {

		static Span ofRound(long from, long to) {
			return new Span(from, to, null, "");
		}

		boolean explains(Load first, Load second) {
			return this.from <= second.at() && this.to >= first.at()
					&& (this.node == null || this.node.equals(first.node()) || this.node.equals(second.node()));
		}

	}

	/** Rounds whose instances did not hold what Redis held within the verify interval. */
	private Finding convergence() {
		Finding finding = Finding
			.invariant("rounds not converged within the verify interval (" + this.verifyMillis + " ms) of healing");
		for (Settling settling : this.history.settlings()) {
			long millis = settling.convergenceMillis();
			finding.check(millis >= 0 && millis <= this.verifyMillis, () -> "round " + settling.round() + ": "
					+ ((millis < 0) ? "did not converge" : "converged after " + millis + " ms"));
		}
		return finding;
	}

	/**
	 * The intervals without an answered call, after {@link #check()}.
	 * @return counts by dataset and the kinds of fault that overlapped them
	 */
	Map<String, Long> missedByCause() {
		return this.missedByCause;
	}

	private String faultKinds(long from, long to) {
		String kinds = this.faults.stream()
			.filter((fault) -> fault.overlaps(from, to))
			.map((fault) -> fault.kind().name().toLowerCase().replace('_', '-'))
			.distinct()
			.sorted()
			.collect(Collectors.joining(" + "));
		return kinds.isEmpty() ? "no fault" : kinds;
	}

	private String faults(long from, long to) {
		List<String> overlapping = this.faults.stream()
			.filter((fault) -> fault.overlaps(from, to))
			.map(FaultSpan::description)
			.toList();
		return overlapping.isEmpty() ? "none" : String.join(", ", overlapping);
	}

	private boolean isOlder(Observation observation, Observation than) {
		Integer position = this.accepted.get(observation.key());
		Integer thanPosition = this.accepted.get(than.key());
		if (position != null && thanPosition != null) {
			return position < thanPosition;
		}
		if (observation.store().equals(than.store())) {
			return observation.revision() < than.revision();
		}
		return createdAt(observation.store()) < createdAt(than.store());
	}

	private static long createdAt(String store) {
		int dash = store.indexOf('-');
		return Long.parseLong((dash > 0) ? store.substring(0, dash) : store);
	}

	private Map<String, List<Observation>> byNodeAndDataset() {
		return this.history.observations()
			.stream()
			.sorted(Comparator.comparingLong(Observation::at))
			.collect(Collectors.groupingBy((observation) -> observation.node() + "/" + observation.dataset(),
					LinkedHashMap::new, Collectors.toList()));
	}

	/**
	 * What tells one publication from every other, even from one that reused its revision
	 * after a failover lost it: dataset, store, revision and Redis' time of the write.
	 */
	static String key(String dataset, String store, long revision, long at) {
		return dataset + "/" + store + "/" + revision + "@" + at;
	}

	private static String describe(Announcement announcement) {
		return announcement.dataset() + " " + announcement.store() + "/" + announcement.revision() + " from epoch "
				+ announcement.epoch();
	}

}
