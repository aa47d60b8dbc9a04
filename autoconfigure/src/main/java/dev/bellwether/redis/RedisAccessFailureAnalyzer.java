package dev.bellwether.redis;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Explains a start-up failure caused by Redis refusing the application's credentials or a
 * command, key or channel (such as the listener container's subscription to a group's
 * channel): which {@code spring.data.redis.*} property to check or which ACL rule to add.
 */
class RedisAccessFailureAnalyzer implements FailureAnalyzer {

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		// The innermost refusal: outer exceptions repeat it inside messages of their own.
		FailureAnalysis analysis = null;
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			String said = cause.getMessage();
			String fix = (said != null) ? RedisErrors.fix(said) : null;
			if (said != null && fix != null) {
				analysis = new FailureAnalysis("Redis refused access: " + said.strip(), fix + ".", failure);
			}
		}
		return analysis;
	}

}
