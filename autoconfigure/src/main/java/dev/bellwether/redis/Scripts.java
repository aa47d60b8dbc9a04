package dev.bellwether.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisElementReader;
import org.springframework.data.redis.serializer.RedisElementWriter;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The Lua scripts of the Redis backend, and what their arguments and replies need. Every
 * script runs after {@code lib/prelude.lua}, which defines what they share.
 */
final class Scripts {

	/** Reads a script's bulk replies as strings; integer replies stay numbers. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static final RedisSerializer STRING_REPLIES = RedisSerializer.string();

	/** Writes byte array arguments as they are. */
	static final RedisElementWriter<byte[]> BYTE_ARGS = RedisElementWriter.from(RedisSerializer.byteArray());

	private Scripts() {
	}

	private static final String LOCATION = "dev/bellwether/redis/";

	private static final String PRELUDE = read("lib/prelude.lua");

	static <T> RedisScript<T> load(String name, Class<T> type) {
		return RedisScript.of(source(name), type);
	}

	/**
	 * A script as Redis runs it: the prelude, then the script.
	 * @param name the script's name, such as {@code acquire}
	 * @return its source
	 */
	static String source(String name) {
		return PRELUDE + read(name + ".lua");
	}

	private static String read(String file) {
		try {
			return new ClassPathResource(LOCATION + file).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static ByteBuffer buffer(String text) {
		return ByteBuffer.wrap(bytes(text));
	}

	static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

	/**
	 * Reads a script's bulk replies as strings; integer replies stay numbers.
	 * @param <T> the type of the reply
	 * @return the reader
	 */
	@SuppressWarnings("unchecked")
	static <T> RedisElementReader<T> stringReplies() {
		return RedisElementReader.from(STRING_REPLIES);
	}

}
