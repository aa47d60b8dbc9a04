package dev.bellwether.redis;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bellwether.spi.CacheStore;
import dev.bellwether.spi.DatasetStore;
import dev.bellwether.spi.JobStore;
import dev.bellwether.spi.LeaderToken;
import dev.bellwether.spi.LoadStore;

/**
 * One message on the group's channel, one type per kind, all decoded here. A message is a
 * JSON header ({@code v}, the {@link RedisFormat format}; {@code type}, the kind; the
 * kind's fields), then, for a value sent inline, a newline and the value. The scripts
 * encode every kind but {@link Released} with {@code encoded(...)} in
 * {@code lib/prelude.lua}; {@link Released#encode()} is the one encoded here, as the
 * release script publishes it as given (signed, where the fleet signs). The golden file
 * of {@code WireFormatTests} pins each kind's fields.
 */
sealed interface Announcement {

	/**
	 * Decodes a message, unsigned.
	 * @param json the JSON mapper to read the header with
	 * @param body the message
	 * @return what it announces, or {@link Malformed} with the reason it was dropped
	 */
	static Announcement decode(JsonMapper json, byte[] body) {
		int newline = indexOf(body, (byte) '\n');
		JsonNode header;
		try {
			header = json.readTree(body, 0, (newline >= 0) ? newline : body.length);
		}
		catch (JacksonException ex) {
			return new Malformed("a message of " + body.length + " bytes that is not a Bellwether message");
		}
		long version = header.path("v").asLong(1);
		if (!RedisFormat.readable(version)) {
			return new Malformed(RedisFormat.newer("a message", version));
		}
		byte @Nullable [] payload = (newline >= 0) ? Arrays.copyOfRange(body, newline + 1, body.length) : null;
		String type = header.path("type").asString("");
		return switch (type) {
			case "elected", "released" -> leader(type, header);
			case "dataset" -> DatasetRevision.of(header, payload);
			case "cache" -> CacheChange.of(header, payload);
			case "job" -> JobChange.of(header);
			case "load" -> LoadChange.of(header);
			default -> new Malformed("a message of unknown type '" + type + "'");
		};
	}

	private static Announcement leader(String type, JsonNode header) {
		LeaderToken token = LeaderToken.parse(header.path("leader").asString(null));
		if (token == null) {
			return new Malformed("a message of type '" + type + "' without a leader");
		}
		return type.equals("elected") ? new Elected(token) : new Released(token);
	}

	private static int indexOf(byte[] bytes, byte value) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == value) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * A leadership granted ({@code acquire.lua}).
	 *
	 * @param leader the new leader's token
	 */
	record Elected(LeaderToken leader) implements Announcement {
	}

	/**
	 * A leadership given up ({@code release.lua}, with what {@link #encode()} gives).
	 *
	 * @param leader the token that no longer leads
	 */
	record Released(LeaderToken leader) implements Announcement {

		/**
		 * The message, as the release script publishes it.
		 * @return its JSON
		 */
		String encode() {
			return "{\"v\":" + RedisFormat.VERSION + ",\"type\":\"released\",\"leader\":\"" + this.leader + "\"}";
		}

	}

	/**
	 * A dataset's new revision ({@code publish.lua}), its value inline when small enough.
	 *
	 * @param entry the revision
	 */
	record DatasetRevision(DatasetStore.Entry entry) implements Announcement {

		static Announcement of(JsonNode header, byte @Nullable [] payload) {
			String name = header.path("name").asString("");
			String store = header.path("store").asString("");
			long revision = header.path("rev").asLong(0);
			if (name.isEmpty() || store.isEmpty() || revision <= 0) {
				return new Malformed("a dataset message without name, store or revision");
			}
			return new DatasetRevision(new DatasetStore.Entry(name, store, revision, header.path("epoch").asLong(0),
					header.path("at").asLong(0), payload));
		}

	}

	/**
	 * A cache entry written or removed ({@code cache-put.lua}), with its value when
	 * written.
	 *
	 * @param entry the entry
	 */
	record CacheChange(CacheStore.Entry entry) implements Announcement {

		static Announcement of(JsonNode header, byte @Nullable [] value) {
			String name = header.path("name").asString("");
			String key = header.path("key").asString("");
			long revision = header.path("rev").asLong(0);
			if (name.isEmpty() || key.isEmpty() || revision <= 0) {
				return new Malformed("a cache message without name, key or revision");
			}
			return new CacheChange(new CacheStore.Entry(name, key, revision, value));
		}

	}

	/**
	 * An on-demand cache's key written or removed, or the whole cache cleared (no key)
	 * ({@code load-write.lua}, {@code load-clear.lua}), without the value.
	 *
	 * @param change the change
	 */
	record LoadChange(LoadStore.Change change) implements Announcement {

		static Announcement of(JsonNode header) {
			String name = header.path("name").asString("");
			String key = header.path("key").asString(null);
			long revision = header.path("rev").asLong(0);
			if (name.isEmpty() || revision <= 0 || (key != null && key.isEmpty())) {
				return new Malformed("a load message without name or revision");
			}
			return new LoadChange(new LoadStore.Change(name, key, revision, header.path("removed").asBoolean(false)));
		}

	}

	/**
	 * A job's control state: paused, a run requested ({@code job-control.lua}) or started
	 * ({@code job-start.lua}).
	 *
	 * @param control the state
	 */
	record JobChange(JobStore.Control control) implements Announcement {

		static Announcement of(JsonNode header) {
			String name = header.path("name").asString("");
			if (name.isEmpty()) {
				return new Malformed("a job message without name");
			}
			return new JobChange(new JobStore.Control(name, header.path("paused").asBoolean(false),
					header.path("requested").asLong(0), header.path("started").asLong(0)));
		}

	}

	/**
	 * A message this instance cannot read, dropped and counted.
	 *
	 * @param reason why
	 */
	record Malformed(String reason) implements Announcement {
	}

}
