package dev.bellwether.data;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which of two snapshots is newer: within one store generation the higher revision,
 * across generations (Redis restarted empty and re-seeded) the later generation, whatever
 * its revisions.
 */
class SnapshotTests {

	@Test
	void withinOneGenerationTheHigherRevisionIsNewer() {
		assertThat(snapshot("1700000000000-aa", 5).isNewerThan(snapshot("1700000000000-aa", 4))).isTrue();
		assertThat(snapshot("1700000000000-aa", 4).isNewerThan(snapshot("1700000000000-aa", 5))).isFalse();
		assertThat(snapshot("1700000000000-aa", 4).isNewerThan(snapshot("1700000000000-aa", 4))).isFalse();
	}

	@Test
	void aLaterGenerationIsNewerWhateverItsRevision() {
		assertThat(snapshot("1700000001000-bb", 1).isNewerThan(snapshot("1700000000000-aa", 900))).isTrue();
		assertThat(snapshot("1700000000000-aa", 900).isNewerThan(snapshot("1700000001000-bb", 1))).isFalse();
	}

	@Test
	void generationsCreatedInTheSameMillisecondAreOrderedByTheirIds() {
		assertThat(snapshot("1700000000000-bb", 1).isNewerThan(snapshot("1700000000000-aa", 2))).isTrue();
		assertThat(snapshot("1700000000000-aa", 2).isNewerThan(snapshot("1700000000000-bb", 1))).isFalse();
	}

	private static Snapshot<String> snapshot(String store, long revision) {
		return new Snapshot<>("value", store, revision, 1, Instant.EPOCH);
	}

}
