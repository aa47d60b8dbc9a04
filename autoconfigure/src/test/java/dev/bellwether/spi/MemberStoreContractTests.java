package dev.bellwether.spi;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link MemberStore} contract, run against every backend.
 */
abstract class MemberStoreContractTests extends StoreContract {

	@Test
	void heartbeatListsTheMemberStampedWithTheStoresClock() {
		long before = System.currentTimeMillis();
		this.one.members().heartbeat(member("node-a", 3), TTL);
		assertThat(this.other.members().members()).singleElement().satisfies((member) -> {
			assertThat(member).usingRecursiveComparison().ignoringFields("heartbeatAt").isEqualTo(member("node-a", 3));
			assertThat(member.heartbeatAt()).isBetween(before - 1000, System.currentTimeMillis() + 1000);
		});
	}

	@Test
	void laterHeartbeatReplacesTheEarlierOne() {
		this.one.members().heartbeat(member("node-a", 3), TTL);
		this.other.members().heartbeat(member("node-b", 1), TTL);
		this.one.members().heartbeat(member("node-a", 4), TTL);
		assertThat(this.other.members().members()).extracting(MemberStore.Member::nodeId, MemberStore.Member::epoch)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("node-a", 4L),
					org.assertj.core.groups.Tuple.tuple("node-b", 1L));
	}

	@Test
	void heartbeatExpiresAfterItsTtl() {
		this.one.members().heartbeat(member("node-a", 1), Duration.ofMillis(200));
		this.other.members().heartbeat(member("node-b", 1), TTL);
		assertThat(this.other.members().members()).hasSize(2);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.other.members().members()).extracting(MemberStore.Member::nodeId)
				.containsExactly("node-b"));
	}

	private static MemberStore.Member member(String nodeId, long epoch) {
		return new MemberStore.Member(nodeId, "FOLLOWER", epoch, Map.of("rates", 7L), 0);
	}

}
