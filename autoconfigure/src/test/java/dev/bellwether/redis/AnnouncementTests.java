package dev.bellwether.redis;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.bellwether.spi.CacheStore;
import dev.bellwether.spi.LoadStore;
import dev.bellwether.spi.DatasetStore;
import dev.bellwether.spi.JobStore;
import dev.bellwether.spi.LeaderToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of message decoded in one place, and what is dropped. (What the scripts
 * encode is pinned by {@code WireFormatTests} against a real redis-server.)
 */
class AnnouncementTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	@Test
	void datasetRevisionKeepsA16DigitEpochWholeAndItsInlineValue() {
		Announcement decoded = decode(
				"{\"v\":1,\"type\":\"dataset\",\"name\":\"rates\",\"store\":\"1795-ab\",\"rev\":7,"
						+ "\"epoch\":1795251130000012,\"at\":1795251130123}\n{\"EURUSD\":1.08}");
		assertThat(decoded).isInstanceOfSatisfying(Announcement.DatasetRevision.class, (revision) -> {
			DatasetStore.Entry entry = revision.entry();
			assertThat(entry.name()).isEqualTo("rates");
			assertThat(entry.store()).isEqualTo("1795-ab");
			assertThat(entry.revision()).isEqualTo(7);
			assertThat(entry.epoch()).isEqualTo(1795251130000012L);
			assertThat(entry.updatedAt()).isEqualTo(1795251130123L);
			assertThat(new String(entry.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"EURUSD\":1.08}");
		});
	}

	@Test
	void datasetRevisionWithoutItsValueIsToBeFetched() {
		Announcement decoded = decode("{\"v\":1,\"type\":\"dataset\",\"name\":\"rates\",\"store\":\"s\",\"rev\":7}");
		assertThat(decoded).isInstanceOfSatisfying(Announcement.DatasetRevision.class,
				(revision) -> assertThat(revision.entry().payload()).isNull());
	}

	@Test
	void loadChangeIsAKeyWrittenOrRemovedOrTheWholeCacheCleared() {
		assertThat(decode("{\"v\":1,\"type\":\"load\",\"name\":\"terms\",\"key\":\"C1\",\"rev\":7,\"removed\":false}"))
			.isEqualTo(new Announcement.LoadChange(new LoadStore.Change("terms", "C1", 7, false)));
		assertThat(decode("{\"v\":1,\"type\":\"load\",\"name\":\"terms\",\"rev\":8,\"removed\":true}"))
			.isEqualTo(new Announcement.LoadChange(new LoadStore.Change("terms", null, 8, true)));
	}

	@Test
	void cacheChangeIsAWriteWithItsValueOrARemovalWithout() {
		assertThat(decode("{\"v\":1,\"type\":\"cache\",\"name\":\"terms\",\"key\":\"\\\"C1\\\"\",\"rev\":3}\n{}"))
			.isInstanceOfSatisfying(Announcement.CacheChange.class, (change) -> {
				CacheStore.Entry entry = change.entry();
				assertThat(entry.cache()).isEqualTo("terms");
				assertThat(entry.key()).isEqualTo("\"C1\"");
				assertThat(entry.revision()).isEqualTo(3);
				assertThat(entry.value()).asString(StandardCharsets.UTF_8).isEqualTo("{}");
			});
		assertThat(decode("{\"v\":1,\"type\":\"cache\",\"name\":\"terms\",\"key\":\"\\\"C1\\\"\",\"rev\":4}"))
			.isInstanceOfSatisfying(Announcement.CacheChange.class,
					(change) -> assertThat(change.entry().value()).isNull());
	}

	@Test
	void jobChangeCarriesThePauseTheRequestAndTheStart() {
		assertThat(decode("{\"v\":1,\"type\":\"job\",\"name\":\"rates\",\"paused\":true,\"requested\":0,"
				+ "\"started\":1795251130123}"))
			.isEqualTo(new Announcement.JobChange(new JobStore.Control("rates", true, 0, 1795251130123L)));
	}

	@Test
	void leadershipChangesCarryTheToken() {
		LeaderToken token = LeaderToken.parse("pod-7#1795251130000012");
		assertThat(decode("{\"v\":1,\"type\":\"elected\",\"leader\":\"pod-7#1795251130000012\"}"))
			.isEqualTo(new Announcement.Elected(token));
		assertThat(decode(new Announcement.Released(token).encode())).isEqualTo(new Announcement.Released(token));
	}

	@Test
	void whatCannotBeReadIsMalformedWithItsReason() {
		assertThat(reason("not json")).contains("not a Bellwether message");
		assertThat(reason("{\"v\":2,\"type\":\"dataset\"}")).contains("format 2, newer than this instance reads (1)");
		assertThat(reason("{\"v\":1,\"type\":\"gossip\"}")).isEqualTo("a message of unknown type 'gossip'");
		assertThat(reason("{\"v\":1,\"type\":\"elected\"}")).isEqualTo("a message of type 'elected' without a leader");
		assertThat(reason("{\"type\":\"dataset\",\"name\":\"rates\",\"rev\":1}"))
			.isEqualTo("a dataset message without name, store or revision");
		assertThat(reason("{\"v\":1,\"type\":\"cache\",\"name\":\"terms\",\"rev\":1}"))
			.isEqualTo("a cache message without name, key or revision");
		assertThat(reason("{\"v\":1,\"type\":\"load\",\"name\":\"terms\",\"key\":\"C1\"}"))
			.isEqualTo("a load message without name or revision");
		assertThat(reason("{\"v\":1,\"type\":\"job\"}")).isEqualTo("a job message without name");
	}

	private static String reason(String message) {
		Announcement decoded = decode(message);
		assertThat(decoded).isInstanceOf(Announcement.Malformed.class);
		return ((Announcement.Malformed) decoded).reason();
	}

	private static Announcement decode(String message) {
		return Announcement.decode(JSON, message.getBytes(StandardCharsets.UTF_8));
	}

}
