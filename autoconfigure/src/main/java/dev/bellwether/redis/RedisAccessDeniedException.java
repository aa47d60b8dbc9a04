package dev.bellwether.redis;

import org.springframework.dao.PermissionDeniedDataAccessException;

/**
 * Redis refused Bellwether's credentials or one of its commands, keys or channels; the
 * message says which property or ACL rule to change, and what Redis said.
 */
final class RedisAccessDeniedException extends PermissionDeniedDataAccessException {

	RedisAccessDeniedException(String message, Throwable cause) {
		super(message, cause);
	}

}
