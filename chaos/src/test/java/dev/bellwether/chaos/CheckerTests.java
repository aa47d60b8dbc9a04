package dev.bellwether.chaos;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker over hand-written Cluster histories: on a Cluster every node passes an
 * announcement on, so the node that ran its script tells a replaced master's grant from
 * the current master's.
 */
class CheckerTests {

	private static final int OLD_MASTER = 7001;

	private static final int NEW_MASTER = 7004;

	private static final Set<Integer> EVERY_NODE = Set.of(7001, 7002, 7003, 7004, 7005, 7006);

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
