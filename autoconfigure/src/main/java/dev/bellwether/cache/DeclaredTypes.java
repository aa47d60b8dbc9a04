package dev.bellwether.cache;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.annotation.AnnotationCacheOperationSource;
import org.springframework.cache.interceptor.CacheOperation;
import org.springframework.cache.interceptor.CachePutOperation;
import org.springframework.cache.interceptor.CacheableOperation;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The type each cache holds, as the application's {@code @Cacheable} and
 * {@code @CachePut} methods declare it by their return types ({@code Optional} unwrapped,
 * as Spring caches its content). A cache whose methods return different types is refused
 * at start-up.
 */
final class DeclaredTypes {

	private final AnnotationCacheOperationSource operations = new AnnotationCacheOperationSource();

	private final Map<String, Declared> types = new ConcurrentHashMap<>();

	/**
	 * Reads the cache annotations of a bean's class.
	 * @param beanClass the class
	 */
	void scan(Class<?> beanClass) {
		Class<?> type = ClassUtils.getUserClass(beanClass);
		if (type.getName().startsWith("org.springframework.")) {
			return;
		}
		ReflectionUtils.doWithMethods(type, (method) -> {
			Collection<CacheOperation> found = this.operations.getCacheOperations(method, type);
			if (found == null) {
				return;
			}
			for (CacheOperation operation : found) {
				if (operation instanceof CacheableOperation || operation instanceof CachePutOperation) {
					operation.getCacheNames().forEach((cache) -> declare(cache, method, type));
				}
			}
		});
	}

	/**
	 * The type a cache holds.
	 * @param cache the cache
	 * @return its type, or {@code null} if no method declares it
	 */
	@Nullable ResolvableType typeOf(String cache) {
		Declared declared = this.types.get(cache);
		return (declared != null) ? declared.type : null;
	}

	private void declare(String cache, Method method, Class<?> type) {
		ResolvableType returned = ResolvableType.forMethodReturnType(method, type);
		Class<?> raw = returned.resolve();
		if (raw == void.class || raw == Void.class) {
			return;
		}
		if (raw == Optional.class) {
			returned = returned.getGeneric(0);
		}
		Declared offered = new Declared(returned, type.getSimpleName() + "." + method.getName() + "()");
		Declared declared = this.types.merge(cache, offered, (current, other) -> current);
		if (!declared.type.toString().equals(offered.type.toString())) {
			throw new IllegalStateException("The fleet's cache '" + cache + "' would hold " + declared.type + " ("
					+ declared.method + ") and " + offered.type + " (" + offered.method + "): give each its own"
					+ " cache, as each cache reads its values back into one type");
		}
	}

	private record Declared(ResolvableType type, String method) {
	}

}
