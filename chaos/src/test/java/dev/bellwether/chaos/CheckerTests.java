package dev.bellwether.chaos;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.bellwether.chaos.History.Call;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker over hand-written histories. On a Cluster every node passes an announcement
 * on, so the node that ran its script tells a replaced master's grant from the current
 * master's. The rate-limited API counts every answered call, so two answered calls of one
 * dataset closer than half an interval are a violation whoever made them, and an interval
 * without one is tallied. A key the fleet loaded again within its time to live is a
 * violation unless a fault was on.
 */
class CheckerTests {

	private static final int OLD_MASTER = 7001;

	private static final int NEW_MASTER = 7004;

	private static final Set<Integer> EVERY_NODE = Set.of(7001, 7002, 7003, 7004, 7005, 7006);

	private static final String CLOSE = "answered upstream calls of one dataset less than half an interval apart";

	private static final String MISSED = "intervals without an answered upstream call";

	private static final long LOAD_TTL = 10_000;

	private static final String LOADED_AGAIN = "answered loads of one key within its time to live (10000 ms), "
			+ "no round of faults on until it settled, no master change, both loaders reaching Redis";

	private static final String LOADED_IN_A_FAULT = "answered loads of one key within its time to live "
			+ "while a round of faults was on, the master changed or a loader did not reach Redis";

	private final History history = new History();

	@Test
	void aGrantThatAReplacedMasterRanAfterTheSwitchIsTalliedNotTakenForTheLeadership() {
		this.history.add(new History.MasterSwitch(0, OLD_MASTER));
		elected(100, 1, OLD_MASTER);
		this.history.add(new History.MasterSwitch(1000, NEW_MASTER));
		elected(1500, 2, NEW_MASTER);
		// the old master resumes and runs an acquire that waited in its socket
		elected(3000, 3, OLD_MASTER);
		published(3100, 2, 1, NEW_MASTER);
		List<Finding> findings = check();
		assertThat(violations(findings)).isZero();
		assertThat(finding(findings, "announcements from a master that a failover had replaced").violations()).isOne();
	}

	@Test
	void theNewMasterHeardBeforeTheWatcherSawTheSwitchAndTheOldOneJustBeforeItBothCount() {
		this.history.add(new History.MasterSwitch(0, OLD_MASTER));
		elected(100, 1, OLD_MASTER);
		published(990, 1, 1, OLD_MASTER);
		elected(1050, 2, NEW_MASTER);
		this.history.add(new History.MasterSwitch(1100, NEW_MASTER));
		published(1150, 2, 2, NEW_MASTER);
		List<Finding> findings = check();
		assertThat(violations(findings)).isZero();
		assertThat(finding(findings, "announcements from a master that a failover had replaced").violations()).isZero();
		assertThat(finding(findings, "publications accepted from a token that no longer led").checked()).isEqualTo(2);
	}

	@Test
	void aPublicationFromADeposedTokenOnTheCurrentMasterIsAViolation() {
		this.history.add(new History.MasterSwitch(0, OLD_MASTER));
		elected(100, 1, OLD_MASTER);
		elected(200, 2, OLD_MASTER);
		published(300, 1, 1, OLD_MASTER);
		assertThat(finding(check(), "publications accepted from a token that no longer led").violations()).isOne();
	}

	@Test
	void twoAnsweredCallsOfOneLeaderCloserThanHalfAnIntervalAreAViolation() {
		call(0, "rates", "node-1", 7, 200);
		call(1000, "rates", "node-1", 7, 200);
		call(1400, "rates", "node-1", 7, 200);
		Finding close = callFinding(CLOSE);
		assertThat(close.isTally()).isFalse();
		assertThat(close.checked()).isEqualTo(2);
		assertThat(close.violations()).isEqualTo(1);
		assertThat(close.examples()).singleElement()
			.isEqualTo("rates: node-1#7 then node-1#7 400 ms apart; faults: none");
	}

	@Test
	void twoAnsweredCallsOfTwoLeadersCloserThanHalfAnIntervalAreAViolation() {
		call(0, "rates", "node-1", 7, 200);
		call(499, "rates", "node-2", 8, 200);
		assertThat(callFinding(CLOSE).violations()).isEqualTo(1);
	}

	@Test
	void failedCallsAndOtherDatasetsCallsDoNotCount() {
		call(0, "rates", "node-1", 7, 200);
		call(100, "terms", "node-1", 7, 200);
		call(200, "rates", "node-2", 8, 503);
		call(500, "rates", "node-2", 8, 200);
		Finding close = callFinding(CLOSE);
		assertThat(close.checked()).isEqualTo(1);
		assertThat(close.violations()).isZero();
	}

	@Test
	void intervalsWithoutAnAnsweredCallAreTalliedNotViolations() {
		call(0, "rates", "node-1", 7, 200);
		call(3000, "rates", "node-2", 8, 200);
		Finding missed = callFinding(MISSED);
		assertThat(missed.isTally()).isTrue();
		assertThat(missed.violations()).isEqualTo(2);
		assertThat(callFinding(CLOSE).violations()).isZero();
	}

	@Test
	void aKeyLoadedAgainWithinItsTimeToLiveIsAViolationAndAfterItIsNot() {
		load(0, "D0001", "node-1", 200);
		load(9_000, "D0001", "node-2", 200);
		load(25_000, "D0001", "node-3", 200);
		load(26_000, "D0002", "node-3", 503);
		load(26_500, "D0002", "node-4", 200);
		Finding again = finding(check(), LOADED_AGAIN);
		assertThat(again.isTally()).isFalse();
		assertThat(again.checked()).isEqualTo(2);
		assertThat(again.violations()).isOne();
		assertThat(again.examples()).singleElement()
			.isEqualTo("D0001: node-1 then node-2 8990 ms after its answer; faults: none");
	}

	@Test
	void aKeyLoadedAgainWhileRedisWasDownIsTalliedWithTheFault() {
		this.history.add(new History.FaultSpan(1, "redis-server killed", Fault.Kind.REDIS_RESTART_EMPTY, 2_000, 4_000));
		load(0, "D0001", "node-1", 200);
		load(5_000, "D0001", "node-2", 200);
		List<Finding> findings = check();
		assertThat(finding(findings, LOADED_AGAIN).violations()).isZero();
		assertThat(finding(findings, LOADED_IN_A_FAULT).violations()).isOne();
		assertThat(finding(findings, LOADED_IN_A_FAULT).examples()).singleElement()
			.isEqualTo("D0001: node-1 then node-2 4990 ms after its answer; faults: redis-server killed");
	}

	@Test
	void aRoundOfFaultsIsOnUntilItSettledAndAKeyLoadedAgainAfterThatIsAViolation() {
		this.history.add(new History.FaultSpan(1, "redis-server killed", Fault.Kind.REDIS_RESTART_EMPTY, 2_000, 4_000));
		this.history.add(new History.Settling(1, 4_500, 7_000, 4_000));
		load(5_000, "D0001", "node-1", 200);
		load(6_000, "D0001", "node-2", 200);
		load(17_000, "D0001", "node-3", 200);
		load(18_000, "D0001", "node-4", 200);
		List<Finding> findings = check();
		assertThat(finding(findings, LOADED_IN_A_FAULT).violations()).isOne();
		Finding again = finding(findings, LOADED_AGAIN);
		assertThat(again.checked()).isEqualTo(2);
		assertThat(again.examples()).singleElement()
			.isEqualTo("D0001: node-3 then node-4 990 ms after its answer; faults: none");
	}

	@Test
	void aKeyLoadedAgainWhileAnInstanceDidNotReachRedisIsTalliedWithIt() {
		this.history.add(new History.RedisView(1_000, "node-1", true));
		this.history.add(new History.RedisView(4_000, "node-1", false));
		this.history.add(new History.RedisView(6_000, "node-1", true));
		load(5_000, "D0001", "node-1", 200);
		load(5_500, "D0001", "node-2", 200);
		load(8_000, "D0002", "node-2", 200);
		load(9_000, "D0002", "node-3", 200);
		List<Finding> findings = check();
		assertThat(finding(findings, LOADED_IN_A_FAULT).examples()).singleElement()
			.isEqualTo("D0001: node-1 then node-2 490 ms after its answer; faults: none; node-1 did not reach Redis");
		assertThat(finding(findings, LOADED_AGAIN).examples()).singleElement()
			.isEqualTo("D0002: node-2 then node-3 990 ms after its answer; faults: none");
	}

	@Test
	void aKeyLoadedAgainAfterALoadersStoreCallFailedIsTalliedWithIt() {
		this.history.add(new History.StoreFailure(5_600, "node-1", 1));
		load(5_000, "D0001", "node-1", 200);
		load(5_500, "D0001", "node-2", 200);
		load(8_000, "D0002", "node-2", 200);
		load(9_000, "D0002", "node-3", 200);
		load(20_000, "D0003", "node-3", 200);
		load(21_000, "D0003", "node-4", 200);
		List<Finding> findings = check();
		assertThat(finding(findings, LOADED_IN_A_FAULT).examples()).singleElement()
			.isEqualTo("D0001: node-1 then node-2 490 ms after its answer; faults: none; "
					+ "node-1 had a call of its on-demand cache to Redis fail");
		assertThat(finding(findings, LOADED_AGAIN).examples()).containsExactly(
				"D0002: node-2 then node-3 990 ms after its answer; faults: none",
				"D0003: node-3 then node-4 990 ms after its answer; faults: none");
	}

	@Test
	void aKeyLoadedAgainAcrossAChangeOfMasterIsTalliedWithIt() {
		this.history.add(new History.MasterSwitch(5_200, OLD_MASTER));
		load(5_000, "D0001", "node-1", 200);
		load(6_000, "D0001", "node-1", 200);
		load(8_000, "D0002", "node-2", 200);
		load(9_000, "D0002", "node-3", 200);
		List<Finding> findings = check();
		assertThat(finding(findings, LOADED_IN_A_FAULT).examples()).singleElement()
			.isEqualTo("D0001: node-1 then node-1 990 ms after its answer; faults: none; the master changed");
		assertThat(finding(findings, LOADED_AGAIN).examples()).singleElement()
			.isEqualTo("D0002: node-2 then node-3 990 ms after its answer; faults: none");
	}

	private void load(long at, String key, String node, int status) {
		this.history.add(new History.Load(at, at + 10, key, node, status));
	}

	private void call(long at, String dataset, String node, long epoch, int status) {
		this.history.add(new Call(at, dataset, node, epoch, status));
	}

	/** A finding on upstream calls, with rates every second. */
	private Finding callFinding(String invariant) {
		return finding(new Checker(this.history, Fleet.Topology.STANDALONE, Map.of("rates", 1000L, "terms", 5000L),
				3000, LOAD_TTL)
			.check(), invariant);
	}

	private void elected(long at, long epoch, int ranOn) {
		this.history.add(new History.Announcement(at, "elected", "node-" + epoch + "#" + epoch, epoch, "", "", 0,
				Set.of(ranOn), EVERY_NODE));
	}

	private void published(long at, long epoch, long revision, int ranOn) {
		this.history.add(new History.Announcement(at, "dataset", "", epoch, "rates", "1-a", revision, Set.of(ranOn),
				EVERY_NODE));
	}

	private List<Finding> check() {
		return new Checker(this.history, Fleet.Topology.CLUSTER, Map.of("rates", 2000L, "terms", 5000L), 3000, LOAD_TTL)
			.check();
	}

	private static long violations(List<Finding> findings) {
		return findings.stream().filter((finding) -> !finding.isTally()).mapToLong(Finding::violations).sum();
	}

	private static Finding finding(List<Finding> findings, String invariant) {
		return findings.stream().filter((finding) -> finding.invariant().equals(invariant)).findFirst().orElseThrow();
	}

}
