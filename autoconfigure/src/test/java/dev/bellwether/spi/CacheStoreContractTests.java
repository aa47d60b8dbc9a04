package dev.bellwether.spi;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link CacheStore} contract, run against every backend.
 */
abstract class CacheStoreContractTests extends StoreContract {

	private static final byte[] TERMS = "{\"days\":30}".getBytes(StandardCharsets.UTF_8);

	@Test
	void writeKeepsAndAnnouncesTheEntryToEverySubscriber() {
		Recorder mine = new Recorder().subscribeTo(this.one);
		Recorder theirs = new Recorder().subscribeTo(this.other);
		long revision = this.one.caches().write(lead(this.one, "node-a"), "terms", "\"acme\"", TERMS);
		CacheStore.Entry expected = new CacheStore.Entry("terms", "\"acme\"", 1, TERMS);
		assertThat(revision).isEqualTo(1);
		assertThat(this.other.caches().read("terms", "\"acme\"")).usingRecursiveComparison().isEqualTo(expected);
		awaitEachHeardOnly(expected, mine, theirs);
	}

	@Test
	void revisionGrowsWithEveryChangeOfTheSameCache() {
		LeaderToken leader = lead(this.one, "node-a");
		this.one.caches().write(leader, "terms", "\"acme\"", TERMS);
		this.one.caches().write(leader, "terms", "\"globex\"", TERMS);
		this.one.caches().write(leader, "limits", "\"acme\"", TERMS);
		assertThat(this.one.caches().write(leader, "terms", "\"acme\"", TERMS)).isEqualTo(3);
		assertThat(this.other.caches().read("terms", "\"globex\"").revision()).isEqualTo(2);
		assertThat(this.other.caches().read("limits", "\"acme\"").revision()).isEqualTo(1);
	}

	@Test
	void removalRaisesTheRevisionAndIsAnnouncedWithoutValue() {
		Recorder theirs = new Recorder().subscribeTo(this.other);
		LeaderToken leader = lead(this.one, "node-a");
		this.one.caches().write(leader, "terms", "\"acme\"", TERMS);
		assertThat(this.one.caches().write(leader, "terms", "\"acme\"", null)).isEqualTo(2);
		assertThat(this.other.caches().read("terms", "\"acme\"")).isNull();
		await().untilAsserted(() -> assertThat(theirs.heard(CacheStore.Entry.class)).hasSize(2)
			.last()
			.usingRecursiveComparison()
			.isEqualTo(new CacheStore.Entry("terms", "\"acme\"", 2, null)));
	}

	@Test
	void writeIsRefusedForAReplacedToken() {
		LeaderToken[] tokens = replaceLeader();
		this.other.caches().write(tokens[1], "terms", "\"acme\"", TERMS);
		assertThat(this.one.caches().write(tokens[0], "terms", "\"acme\"", "{}".getBytes(StandardCharsets.UTF_8)))
			.isZero();
		assertThat(this.one.caches().write(tokens[0], "terms", "\"acme\"", null)).isZero();
		assertThat(this.one.caches().read("terms", "\"acme\"")).usingRecursiveComparison()
			.isEqualTo(new CacheStore.Entry("terms", "\"acme\"", 1, TERMS));
	}

}
