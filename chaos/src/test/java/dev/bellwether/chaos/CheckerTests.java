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
 * without one is tallied.
 */
class CheckerTests {

	private static final int OLD_MASTER = 7001;

	private static final int NEW_MASTER = 7004;

	private static final Set<Integer> EVERY_NODE = Set.of(7001, 7002, 7003, 7004, 7005, 7006);

	private static final String CLOSE = "answered upstream calls of one dataset less than half an interval apart";

	private static final String MISSED = "intervals without an answered upstream call";

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

	private void call(long at, String dataset, String node, long epoch, int status) {
		this.history.add(new Call(at, dataset, node, epoch, status));
	}

	/** A finding on upstream calls, with rates every second. */
	private Finding callFinding(String invariant) {
		return finding(
				new Checker(this.history, Fleet.Topology.STANDALONE, Map.of("rates", 1000L, "terms", 5000L), 3000)
					.check(),
				invariant);
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
		return new Checker(this.history, Fleet.Topology.CLUSTER, Map.of("rates", 2000L, "terms", 5000L), 3000).check();
	}

	private static long violations(List<Finding> findings) {
		return findings.stream().filter((finding) -> !finding.isTally()).mapToLong(Finding::violations).sum();
	}

	private static Finding finding(List<Finding> findings, String invariant) {
		return findings.stream().filter((finding) -> finding.invariant().equals(invariant)).findFirst().orElseThrow();
	}

}
