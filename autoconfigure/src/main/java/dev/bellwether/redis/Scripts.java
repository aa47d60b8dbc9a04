package dev.bellwether.redis;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The Lua scripts of the Redis backend, and what their arguments and replies need.
 */
final class Scripts {

	/** Reads a script's bulk replies as strings; integer replies stay numbers. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static final RedisSerializer STRING_REPLIES = RedisSerializer.string();

	private Scripts() {
	}

	static <T> RedisScript<T> load(String name, Class<T> type) {
		return RedisScript.of(new ClassPathResource("dev/bellwether/redis/" + name + ".lua"), type);
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
