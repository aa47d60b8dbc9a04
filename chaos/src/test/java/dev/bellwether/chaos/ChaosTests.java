package dev.bellwether.chaos;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short chaos runs of every build: a few rounds of seeded, overlapping faults on five
 * hedging JVMs, against one redis-server and against Sentinel, and no invariant violated.
 * The long run is {@code ./mvnw -B -pl chaos -am -Pchaos verify -DskipTests}.
 */
class ChaosTests {

	@Test
	void aShortRunAgainstOneRedisServerViolatesNoInvariant() {
		Report report = ChaosMain.run(Fleet.Topology.STANDALONE, Integer.getInteger("chaos.rounds", 3));
		assertThat(report.violations()).as(report.markdown()).isZero();
	}

	@Test
	void aShortRunAgainstSentinelViolatesNoInvariant() {
		Report report = ChaosMain.run(Fleet.Topology.SENTINEL, Integer.getInteger("chaos.sentinel-rounds", 2));
		assertThat(report.violations()).as(report.markdown()).isZero();
	}

}
