package dev.bellwether.fleet;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

import dev.bellwether.data.Dataset;
import dev.bellwether.data.Snapshot;
import dev.bellwether.spi.LeaderToken;
import dev.bellwether.test.RedisServer;

import org.springframework.core.ParameterizedTypeReference;

import static org.awaitility.Awaitility.await;

/**
 * Watches a fleet running a 500 ms job through a Redis fault, or many played back to
 * back: a failover, or a paused or blackholed standalone Redis. Every 10 ms it reads
 * every node (no revision may go back) and times its health and readiness, answered
 * in-process; each time Redis has failed over (or been resumed or healed) it notes when
 * the new master first holds the leadership of a node that leads, and when every node
 * first holds a newer revision that the new master holds too. During a single fault it
 * closes one follower's context, as a SIGTERM would, and times it. Prints the figures,
 * then checks them.
 */
final class FailoverWatch implements AutoCloseable {

	static final Duration INTERVAL = Duration.ofMillis(500);

	/**
	 * The issue's 100 ms for a health answer, asserted generously for a shared CI
	 * machine.
	 */
	static final Duration HEALTH_BOUND = Duration.ofMillis(500);

	/** How long a SIGTERM during the fault may take to stop an instance. */
	static final Duration SHUTDOWN_BOUND = Duration.ofSeconds(5);

	/** How long to wait for recovery, so that a slow one is measured before it fails. */
	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private static final ParameterizedTypeReference<Map<String, BigDecimal>> RATES = new ParameterizedTypeReference<>() {
	};

	private final Fleet fleet;

	/** Whether {@link #close()} closes the fleet too: when {@link #start} started it. */
	private final boolean ownsFleet;

	private final Upstream upstream;

	private final Grants grants;

	private final String group;

	private final RevisionWatch revisions = new RevisionWatch();

	private final List<AssertionError> regressions = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

	private final Map<String, Long> revisionsAtFailover = new HashMap<>();

	/** When each fault began, by {@link System#nanoTime()}. */
	private final List<Long> faults = new CopyOnWriteArrayList<>();

	/** For each failover, how long until a leader was back on the new master. */
	private final List<Duration> leaderBack = new CopyOnWriteArrayList<>();

	/** For each failover, how long until every node held a newer revision. */
	private final List<Duration> newerEverywhere = new CopyOnWriteArrayList<>();

	private volatile long faultAt;

	private volatile long failedOverAt;

	private volatile @Nullable RedisServer master;

	private volatile long leaderBackAt;

	private volatile long newerEverywhereAt;

	// Sampler thread only.
	private long leaderlessSince;

	private volatile long longestLeaderless;

	private volatile long slowestHealth;

	private volatile @Nullable String slowestHealthAt;

	private volatile @Nullable FleetNode stopping;

	private volatile long shutdown;

	FailoverWatch(Fleet fleet, Upstream upstream, Grants grants, String group) {
		this(fleet, false, upstream, grants, group);
	}

	private FailoverWatch(Fleet fleet, boolean ownsFleet, Upstream upstream, Grants grants, String group) {
		this.fleet = fleet;
		this.ownsFleet = ownsFleet;
		this.upstream = upstream;
		this.grants = grants;
		this.group = group;
		this.sampler.scheduleWithFixedDelay(this::sample, 0, 10, TimeUnit.MILLISECONDS);
	}

	/**
	 * Starts a fleet of three in a group of its own, sharing an upstream and the grants,
	 * with the job every {@link #INTERVAL}, and watches it from when it runs the job
	 * steadily; {@link #close()} closes the fleet too.
	 * @param fleet the fleet, not started, with {@link Upstream.RatesJob}
	 * @param group the group
	 * @return the watch
	 */
	static FailoverWatch start(Fleet fleet, String group) {
		Upstream upstream = new Upstream();
		Grants grants = new Grants();
		fleet.share("upstream", upstream)
			.share("grants", grants)
			.with("test.rate=" + INTERVAL.toMillis() + "ms", "bellwether.group=" + group)
			.start(3);
		FailoverWatch watch = new FailoverWatch(fleet, true, upstream, grants, group);
		try {
			watch.awaitSteady();
			return watch;
		}
		catch (RuntimeException | Error ex) {
			watch.close();
			throw ex;
		}
	}

	/** Waits until a leader runs the job and every node holds its dataset. */
	void awaitSteady() {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.fleet.leaders().size() == 1
					&& this.fleet.running().stream().allMatch((node) -> rates(node).current().isPresent())
					&& this.upstream.callCount() >= 3);
		this.longestLeaderless = 0;
		this.slowestHealth = 0;
	}

	/** Notes the moment of the fault. */
	void fault() {
		this.faultAt = System.nanoTime();
		this.faults.add(this.faultAt);
	}

	/**
	 * Closes the context of a follower, as a SIGTERM would, on a thread of its own, and
	 * times it: call it while the fault lasts.
	 */
	void stopAFollower() {
		FleetNode follower = this.fleet.running()
			.stream()
			.filter((node) -> !node.leadership().isLeader())
			.findFirst()
			.orElseThrow();
		this.stopping = follower;
		Thread closing = new Thread(() -> {
			long start = System.nanoTime();
			follower.context().close();
			this.shutdown = System.nanoTime() - start;
		}, "stopping-" + follower.nodeId());
		closing.setDaemon(true);
		closing.start();
	}

	/**
	 * Notes that Redis has finished failing over: the Sentinels or the cluster name the
	 * new master, which says it is master; or, for a standalone Redis, that it was
	 * resumed or healed. From now on the watch waits for a leader and newer revisions on
	 * this master.
	 * @param master the new master, or the standalone Redis
	 */
	synchronized void failedOver(RedisServer master) {
		for (FleetNode node : this.fleet.running()) {
			this.revisionsAtFailover.put(node.nodeId(), rates(node).revision());
		}
		this.failedOverAt = System.nanoTime();
		this.master = master;
		this.leaderBackAt = 0;
		this.newerEverywhereAt = 0;
	}

	/**
	 * Waits until a leader is back on the new master and data flows through it, or until
	 * {@link #report} can tell what did not come back, and notes how long each took.
	 */
	void awaitRecovery() {
		try {
			await().atMost(PATIENCE).until(() -> this.leaderBackAt != 0 && this.newerEverywhereAt != 0);
		}
		catch (ConditionTimeoutException ex) {
			// reported with the figures
		}
		this.leaderBack.add(since(this.leaderBackAt));
		this.newerEverywhere.add(since(this.newerEverywhereAt));
	}

	/**
	 * Prints the figures, then checks what must hold across the fault: a leader back on
	 * the new master within the bound, every instance on a newer revision within the
	 * bound and one interval, no revision went back, every grant had a higher epoch than
	 * the one before, no two upstream calls in one interval, every health answer within
	 * {@link #HEALTH_BOUND} throughout, the follower stopped during the fault within
	 * {@link #SHUTDOWN_BOUND}.
	 * @param scenario what the fault was
	 * @param bound how soon after Redis failed over a leader must be back
	 */
	void report(String scenario, Duration bound) {
		List<Long> calls = lastCalls();
		try {
			await().atMost(SHUTDOWN_BOUND.multipliedBy(2)).until(() -> this.stopping == null || this.shutdown != 0);
		}
		catch (ConditionTimeoutException ex) {
			// reported with the figures
		}
		Duration shutdown = (this.shutdown != 0) ? Duration.ofNanos(this.shutdown)
				: SHUTDOWN_BOUND.multipliedBy(2).plusMillis(1);
		Duration slowestHealth = Duration.ofNanos(this.slowestHealth);
		Duration leaderless = since(this.leaderBackAt);
		Duration untilNewer = since(this.newerEverywhereAt);
		List<Long> gaps = gaps(calls);
		System.out.printf("%s, fleet of %d, job every %d ms: Redis failed over (or came back) %d ms after the fault;"
				+ " after that, no leader on it for %d ms, every instance on a newer revision it holds after %d ms;"
				+ " longest time no instance saw itself leader %d ms; slowest health answer %d ms (%s);"
				+ " %s stopped during the fault in %d ms; upstream calls per interval (| the fault,"
				+ " ^ the failover) %s; grants %s; %d reads; at the end %s%n", scenario, this.fleet.nodes().size(),
				INTERVAL.toMillis(), Duration.ofNanos(this.failedOverAt - this.faultAt).toMillis(),
				leaderless.toMillis(), untilNewer.toMillis(), Duration.ofNanos(this.longestLeaderless).toMillis(),
				slowestHealth.toMillis(), this.slowestHealthAt, this.stopping, shutdown.toMillis(), perInterval(calls),
				this.grants.tokens(), this.revisions.reads(), state());
		SoftAssertions softly = fleetWide(gaps);
		softly.assertThat(leaderless).as("no leader on the new master after it was named").isLessThanOrEqualTo(bound);
		softly.assertThat(slowestHealth).as("slowest health answer").isLessThanOrEqualTo(HEALTH_BOUND);
		softly.assertThat(this.stopping).as("a follower stopped during the fault").isNotNull();
		softly.assertThat(shutdown).as("stopping a follower during the fault").isLessThan(SHUTDOWN_BOUND);
		softly.assertThat(untilNewer)
			.as("until every instance held a newer revision after the new master was named")
			.isLessThanOrEqualTo(bound.plus(INTERVAL));
		softly.assertAll();
	}

	/**
	 * Prints the figures of faults played back to back, each followed by
	 * {@link #failedOver} and {@link #awaitRecovery}, then checks what must hold across
	 * them all: after each failover, the last one too, a leader came back on the new
	 * master and every instance held a newer revision that it holds, within the patience
	 * of {@link #awaitRecovery}; no revision went back; every grant had a higher epoch
	 * than the one before; no two upstream calls were half an interval apart or closer.
	 * @param scenario what the faults were
	 */
	void reportRepeated(String scenario) {
		List<Long> calls = lastCalls();
		List<Long> gaps = gaps(calls);
		System.out.printf("%s, fleet of %d, job every %d ms: %d faults; %d upstream calls, the closest %d ms apart;"
				+ " after each failover, ms until a leader was back on the new master %s, until every instance"
				+ " held a newer revision it holds %s; longest time no instance saw itself leader %d ms;"
				+ " slowest health answer %d ms (%s); ms between upstream calls (| a fault) %s; grants %s; %d reads;"
				+ " at the end %s%n", scenario, this.fleet.nodes().size(), INTERVAL.toMillis(),
				this.newerEverywhere.size(), gaps.size() + 1, gaps.stream().min(Long::compare).orElse(-1L),
				millis(this.leaderBack), millis(this.newerEverywhere),
				Duration.ofNanos(this.longestLeaderless).toMillis(), Duration.ofNanos(this.slowestHealth).toMillis(),
				this.slowestHealthAt, gapsAndFaults(calls), this.grants.tokens(), this.revisions.reads(), state());
		SoftAssertions softly = fleetWide(gaps);
		softly.assertThat(this.leaderBack)
			.as("after each failover, until a leader was back on the new master")
			.allMatch((took) -> took.compareTo(PATIENCE) <= 0);
		softly.assertThat(this.newerEverywhere)
			.as("after each failover, until every instance held a newer revision that the new master holds")
			.allMatch((took) -> took.compareTo(PATIENCE) <= 0);
		softly.assertAll();
	}

	@Override
	public void close() {
		this.sampler.shutdownNow();
		if (this.ownsFleet) {
			this.fleet.close();
		}
	}

	/**
	 * Once data flows again, waits for two more upstream calls, so that the checks see
	 * calls after the recovery too; then stops sampling.
	 * @return the nanoTime of every upstream call
	 */
	private List<Long> lastCalls() {
		int callsSoFar = this.upstream.callCount();
		if (this.newerEverywhereAt != 0) {
			await().atMost(INTERVAL.multipliedBy(5)).until(() -> this.upstream.callCount() >= callsSoFar + 2);
		}
		this.sampler.shutdownNow();
		return List.copyOf(this.upstream.calls);
	}

	/**
	 * What must hold whatever the faults: no revision went back, every grant had a higher
	 * epoch than the one before, no two upstream calls half an interval apart or closer.
	 */
	private SoftAssertions fleetWide(List<Long> gaps) {
		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(this.regressions).as("revisions that went back").isEmpty();
		softly.assertThat(this.grants.epochs())
			.as("epochs of every grant, in order")
			.isSorted()
			.doesNotHaveDuplicates();
		softly.assertThat(gaps).as("ms between upstream calls").allMatch((gap) -> gap > INTERVAL.toMillis() / 2);
		return softly;
	}

	/** The ms between each two consecutive upstream calls. */
	private static List<Long> gaps(List<Long> calls) {
		List<Long> gaps = new ArrayList<>();
		for (int i = 1; i < calls.size(); i++) {
			gaps.add(Duration.ofNanos(calls.get(i) - calls.get(i - 1)).toMillis());
		}
		return gaps;
	}

	/**
	 * The ms between consecutive upstream calls, each after a {@code |} for each fault
	 * that began between them.
	 */
	private String gapsAndFaults(List<Long> calls) {
		StringBuilder gaps = new StringBuilder();
		for (int i = 1; i < calls.size(); i++) {
			long from = calls.get(i - 1);
			long to = calls.get(i);
			this.faults.stream().filter((at) -> at - from >= 0 && at - to < 0).forEach((at) -> gaps.append("| "));
			gaps.append(Duration.ofNanos(to - from).toMillis()).append(' ');
		}
		return gaps.toString().trim();
	}

	private static List<Long> millis(List<Duration> durations) {
		return durations.stream().map(Duration::toMillis).toList();
	}

	/** From the failover to a moment, or the patience and more if it never came. */
	private Duration since(long at) {
		return (at != 0) ? Duration.ofNanos(at - this.failedOverAt) : PATIENCE.plusMillis(1);
	}

	/** What each node holds and the new master has, such as {@code node-0 leads 7@…}. */
	private String state() {
		StringBuilder state = new StringBuilder();
		for (FleetNode node : this.fleet.running()) {
			state.append(node.nodeId())
				.append(node.leadership().isLeader() ? " leads " : " follows ")
				.append(rates(node).snapshot().map((held) -> held.revision() + "@" + held.store()).orElse("nothing"))
				.append(", ");
		}
		RedisServer master = this.master;
		if (master != null) {
			state.append("new master ")
				.append(master.commands().get(key("leader")))
				.append(' ')
				.append(master.commands().hget(key("ds:rates"), "rev"))
				.append('@')
				.append(master.commands().get(key("store")));
		}
		return state.toString();
	}

	private String perInterval(List<Long> calls) {
		StringBuilder counts = new StringBuilder();
		long step = INTERVAL.toNanos();
		boolean faultMarked = false;
		boolean failoverMarked = false;
		for (long start = calls.get(0) - step / 2; start <= calls.get(calls.size() - 1); start += step) {
			long from = start;
			long end = start + step;
			if (!faultMarked && this.faultAt - end < 0) {
				counts.append("| ");
				faultMarked = true;
			}
			if (!failoverMarked && this.failedOverAt - end < 0) {
				counts.append("^ ");
				failoverMarked = true;
			}
			counts.append(calls.stream().filter((call) -> call - from >= 0 && call - end < 0).count()).append(' ');
		}
		return counts.toString().trim();
	}

	private void sample() {
		long now = System.nanoTime();
		int leaders = 0;
		for (FleetNode node : this.fleet.running()) {
			try {
				this.revisions.read(node, rates(node));
				leaders += node.leadership().isLeader() ? 1 : 0;
				timeHealth(node);
			}
			catch (AssertionError ex) {
				this.regressions.add(ex);
			}
			catch (RuntimeException ex) {
				// a node closing
			}
		}
		if (leaders > 0) {
			this.leaderlessSince = 0;
		}
		else {
			this.leaderlessSince = (this.leaderlessSince != 0) ? this.leaderlessSince : now;
			this.longestLeaderless = Math.max(this.longestLeaderless, now - this.leaderlessSince);
		}
		RedisServer master = this.master;
		if (master != null) {
			try {
				sampleNewMaster(master, now);
			}
			catch (RuntimeException ex) {
				// not there yet
			}
		}
	}

	/** Asks a node's health and readiness as an orchestrator would, and times it. */
	private void timeHealth(FleetNode node) {
		long start = System.nanoTime();
		node.health();
		node.readiness();
		long took = System.nanoTime() - start;
		if (took > this.slowestHealth) {
			this.slowestHealth = took;
			this.slowestHealthAt = node.nodeId() + ((this.failedOverAt != 0) ? " after the failover"
					: (this.faultAt != 0) ? " during the fault" : " before the fault");
		}
	}

	private synchronized void sampleNewMaster(RedisServer master, long now) {
		if (this.leaderBackAt == 0) {
			LeaderToken held = LeaderToken.parse(master.commands().get(key("leader")));
			if (held != null && this.fleet.leaders()
				.stream()
				.anyMatch((node) -> node.leadership().token().filter(held::equals).isPresent())) {
				this.leaderBackAt = now;
			}
		}
		if (this.newerEverywhereAt == 0) {
			String store = master.commands().get(key("store"));
			String onMaster = master.commands().hget(key("ds:rates"), "rev");
			if (store != null && onMaster != null && this.fleet.running().stream().allMatch((node) -> {
				Snapshot<?> held = rates(node).snapshot().orElseThrow();
				return held.store().equals(store) && held.revision() > this.revisionsAtFailover.get(node.nodeId())
						&& held.revision() <= Long.parseLong(onMaster);
			})) {
				this.newerEverywhereAt = now;
			}
		}
	}

	private String key(String suffix) {
		return "bellwether:{" + this.group + "}:" + suffix;
	}

	private static Dataset<Map<String, BigDecimal>> rates(FleetNode node) {
		return node.datasets().get("rates", RATES);
	}

}
