package dev.bellwether.spi;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.bellwether.spi.LoadStore.Claim;
import dev.bellwether.spi.LoadStore.Claimed;
import dev.bellwether.spi.LoadStore.Found;
import dev.bellwether.spi.LoadStore.Loading;
import dev.bellwether.spi.LoadStore.Lookup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link LoadStore} contract, run against every backend.
 */
abstract class LoadStoreContractTests extends StoreContract {

	private static final byte[] TERMS = "{\"days\":30}".getBytes(StandardCharsets.UTF_8);

	private static final Duration LEASE = Duration.ofSeconds(10);

	private static final Duration LIVES = Duration.ofMinutes(1);

	@Test
	void aMissClaimsTheLoadAndEveryOtherMissSeesWhoLoads() {
		assertThat(this.one.loads().lookup("terms", "acme", "node-a", LEASE)).isInstanceOf(Claimed.class);
		assertThat(this.other.loads().lookup("terms", "acme", "node-b", LEASE)).isEqualTo(new Loading("node-a"));
		assertThat(this.other.loads().lookup("terms", "globex", "node-b", LEASE)).isInstanceOf(Claimed.class);
	}

	@Test
	void aCompletedLoadIsFoundByEveryInstanceWithHowLongItStillLives() {
		Claim claim = claim(this.one, "acme", "node-a", LEASE);
		long revision = this.one.loads().complete(claim, TERMS, LIVES);
		assertThat(revision).isPositive();
		assertThat(this.other.loads().lookup("terms", "acme", "node-b", LEASE)).isInstanceOfSatisfying(Found.class,
				(found) -> {
					assertThat(found.entry()).usingRecursiveComparison()
						.ignoringFields("expiresIn")
						.isEqualTo(new LoadStore.Entry("terms", "acme", revision, TERMS, LIVES));
					assertThat(found.entry().expiresIn()).isPositive().isLessThanOrEqualTo(LIVES);
				});
	}

	@Test
	void aFirstLoadNobodyWaitedForIsNotAnnounced() {
		Recorder theirs = new Recorder().subscribeTo(this.other);
		this.one.loads().complete(claim(this.one, "acme", "node-a", LEASE), TERMS, LIVES);
		this.one.loads().put("terms", "globex", TERMS, LIVES);
		long evicted = this.one.loads().evict("terms", "initech", LIVES);
		awaitEachHeardOnly(new LoadStore.Change("terms", "initech", evicted, true), theirs);
	}

	@Test
	void aLoadAnotherInstanceWaitedForIsAnnouncedWithoutItsValue() {
		Recorder theirs = new Recorder().subscribeTo(this.other);
		Claim claim = claim(this.one, "acme", "node-a", LEASE);
		assertThat(this.other.loads().lookup("terms", "acme", "node-b", LEASE)).isEqualTo(new Loading("node-a"));
		long revision = this.one.loads().complete(claim, TERMS, LIVES);
		assertThat(revision).isPositive();
		awaitEachHeardOnly(new LoadStore.Change("terms", "acme", revision, false), theirs);
	}

	@Test
	void aPutOverAValueSomeInstanceMayHoldIsAnnounced() {
		Recorder theirs = new Recorder().subscribeTo(this.other);
		this.one.loads().put("terms", "acme", TERMS, LIVES);
		long replaced = this.one.loads().put("terms", "acme", "{}".getBytes(StandardCharsets.UTF_8), LIVES);
		awaitEachHeardOnly(new LoadStore.Change("terms", "acme", replaced, false), theirs);
	}

	@Test
	void aClaimEndsWithItsLeaseAsWhenItsLoaderCrashed() {
		claim(this.one, "acme", "node-a", Duration.ofMillis(150));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.other.loads().lookup("terms", "acme", "node-b", LEASE), Claimed.class::isInstance);
	}

	@Test
	void anAbandonedClaimFreesTheLoadAtOnceWaitedForOrNot() {
		this.one.loads().abandon(claim(this.one, "acme", "node-a", LEASE));
		assertThat(this.other.loads().lookup("terms", "acme", "node-b", LEASE)).isInstanceOf(Claimed.class);
		Claim waitedFor = claim(this.one, "globex", "node-a", LEASE);
		assertThat(this.other.loads().lookup("terms", "globex", "node-b", LEASE)).isEqualTo(new Loading("node-a"));
		this.one.loads().abandon(waitedFor);
		assertThat(this.other.loads().lookup("terms", "globex", "node-b", LEASE)).isInstanceOf(Claimed.class);
	}

	@Test
	void anEvictionAfterAClaimWinsOverTheClaimsValue() {
		Recorder theirs = new Recorder().subscribeTo(this.other);
		Claim claim = claim(this.one, "acme", "node-a", LEASE);
		long evicted = this.other.loads().evict("terms", "acme", LIVES);
		assertThat(this.one.loads().complete(claim, TERMS, LIVES)).isZero();
		assertThat(this.one.loads().read("terms", "acme")).usingRecursiveComparison()
			.ignoringFields("expiresIn")
			.isEqualTo(new LoadStore.Entry("terms", "acme", evicted, null, LIVES));
		awaitEachHeardOnly(new LoadStore.Change("terms", "acme", evicted, true), theirs);
	}

	@Test
	void aPutEndsTheClaimOfItsKeyAndWinsOverItsValue() {
		Claim claim = claim(this.one, "acme", "node-a", LEASE);
		long put = this.other.loads().put("terms", "acme", TERMS, LIVES);
		assertThat(put).isGreaterThan(claim.revision());
		assertThat(this.one.loads().complete(claim, "{}".getBytes(StandardCharsets.UTF_8), LIVES)).isZero();
		assertThat(this.one.loads().read("terms", "acme").value()).isEqualTo(TERMS);
	}

	@Test
	void aClearHidesEveryOlderEntryOfTheCacheAndWinsOverEarlierClaims() {
		Recorder theirs = new Recorder().subscribeTo(this.other);
		this.one.loads().put("terms", "acme", TERMS, LIVES);
		this.one.loads().put("limits", "acme", TERMS, LIVES);
		Claim claim = claim(this.one, "globex", "node-a", LEASE);
		long cleared = this.other.loads().clear("terms");
		assertThat(this.one.loads().read("terms", "acme")).isNull();
		assertThat(this.one.loads().read("limits", "acme")).isNotNull();
		assertThat(this.one.loads().complete(claim, TERMS, LIVES)).isZero();
		assertThat(this.one.loads().lookup("terms", "acme", "node-a", LEASE)).isInstanceOf(Claimed.class);
		await().untilAsserted(() -> assertThat(theirs.heard(LoadStore.Change.class))
			.contains(new LoadStore.Change("terms", null, cleared, true)));
	}

	@Test
	void revisionsGrowWithEveryChangeAndStayAboveTheClockWhenTheStoreRestartsEmpty() {
		long first = this.one.loads().put("terms", "acme", TERMS, LIVES);
		long second = this.other.loads().evict("limits", "globex", LIVES);
		assertThat(second).isGreaterThan(first);
		assertThat(first).isGreaterThanOrEqualTo((System.currentTimeMillis() - 60_000) * 1000);
		backend().empty();
		assertThat(this.one.loads().put("terms", "acme", TERMS, LIVES)).isGreaterThan(second);
	}

	@Test
	void entriesLiveForTheirTimeToLive() {
		this.one.loads().put("terms", "acme", TERMS, Duration.ofMillis(150));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.other.loads().read("terms", "acme") == null);
		assertThat(this.other.loads().lookup("terms", "acme", "node-b", LEASE)).isInstanceOf(Claimed.class);
	}

	private static Claim claim(Stores stores, String key, String claimant, Duration lease) {
		Lookup lookup = stores.loads().lookup("terms", key, claimant, lease);
		assertThat(lookup).isInstanceOf(Claimed.class);
		return ((Claimed) lookup).claim();
	}

}
