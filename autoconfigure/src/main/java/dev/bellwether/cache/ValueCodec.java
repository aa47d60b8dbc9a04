package dev.bellwether.cache;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cache.support.NullValue;

/**
 * Writes a cache's values as JSON and reads them back into the cache's declared type
 * only, never with Jackson's default typing: what another client wrote to the store
 * cannot make an instance build a type the application did not declare.
 */
final class ValueCodec {

	private static final byte[] NULL = { 'n', 'u', 'l', 'l' };

	private final JsonMapper json;

	private final JavaType type;

	ValueCodec(JsonMapper json, JavaType type) {
		this.json = json;
		this.type = type;
	}

	byte[] encode(Object storeValue) {
		return (storeValue == NullValue.INSTANCE) ? NULL.clone() : this.json.writeValueAsBytes(storeValue);
	}

	/**
	 * Reads a value.
	 * @param value the stored bytes
	 * @return the value, {@code NullValue} for a cached {@code null}
	 * @throws RuntimeException if the bytes are not a value of the declared type
	 */
	Object decode(byte[] value) {
		Object decoded = this.json.readValue(value, this.type);
		return (decoded != null) ? decoded : NullValue.INSTANCE;
	}

	@Override
	public String toString() {
		return this.type.toString();
	}

}
