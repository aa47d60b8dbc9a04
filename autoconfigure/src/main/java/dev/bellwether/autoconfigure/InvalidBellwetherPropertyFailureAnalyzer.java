package dev.bellwether.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure caused by a {@code bellwether.*} property.
 */
class InvalidBellwetherPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidBellwetherPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidBellwetherPropertyException cause) {
		return new FailureAnalysis("Bellwether could not start. " + cause.getMessage(), cause.getAction(), cause);
	}

}
