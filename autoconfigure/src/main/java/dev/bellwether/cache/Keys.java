package dev.bellwether.cache;

import java.util.UUID;

import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.util.ReflectionUtils;

/**
 * Turns the keys Spring's cache interceptor gives into the strings the store keeps, as
 * Spring Data Redis' cache does: strings as they are, numbers and other simple values and
 * {@link SimpleKey}s by {@code toString()}, other types only if they override it.
 */
final class Keys {

	private Keys() {
	}

	static String encode(String cache, Object key) {
		if (key instanceof String string) {
			return string;
		}
		if (key instanceof Number || key instanceof Boolean || key instanceof Character || key instanceof Enum<?>
				|| key instanceof UUID || key instanceof SimpleKey || overridesToString(key.getClass())) {
			return key.toString();
		}
		throw new IllegalStateException("The fleet's cache '" + cache + "' cannot use a key of type "
				+ key.getClass().getName() + ": it keeps keys as text. Give that type a toString() that tells its"
				+ " keys apart, or declare a KeyGenerator that makes text keys.");
	}

	private static boolean overridesToString(Class<?> type) {
		var toString = ReflectionUtils.findMethod(type, "toString");
		return toString != null && toString.getDeclaringClass() != Object.class;
	}

}
