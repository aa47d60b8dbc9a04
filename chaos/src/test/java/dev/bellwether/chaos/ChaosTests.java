package dev.bellwether.chaos;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short chaos runs of every build: a few rounds of seeded, overlapping faults on five
 * hedging JVMs, against one redis-server, against Sentinel and against Cluster, and no
 * invariant violated. The long run is
 * {@code ./mvnw -B -pl chaos -am -Pchaos verify -DskipTests}.
 */
class ChaosTests {

	@Test
	void aShortRunAgainstOneRedisServerViolatesNoInvariant() {
		assertNoViolation(Fleet.Topology.STANDALONE);
	}

	@Test
	void aShortRunAgainstSentinelViolatesNoInvariant() {
		assertNoViolation(Fleet.Topology.SENTINEL);
	}

	@Test
	void aShortRunAgainstClusterViolatesNoInvariant() {
		assertNoViolation(Fleet.Topology.CLUSTER);
	}

	private static void assertNoViolation(Fleet.Topology topology) {
		Report report = ChaosMain.run(topology, topology.rounds());
		assertThat(report.violations()).as(report.markdown()).isZero();
	}

}
