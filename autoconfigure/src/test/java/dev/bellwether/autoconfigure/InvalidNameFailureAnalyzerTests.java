package dev.bellwether.autoconfigure;

import dev.bellwether.data.InvalidNameException;
import dev.bellwether.data.Names;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class InvalidNameFailureAnalyzerTests {

	@Test
	void namesTheDeclarationAndTheAllowedCharacters() {
		InvalidNameException failure = catchThrowableOfType(InvalidNameException.class,
				() -> Names.check("Job", "nightly refresh", "@LeaderScheduled on Jobs.refresh()"));
		FailureAnalysis analysis = new InvalidNameFailureAnalyzer()
			.analyze(new BeanCreationException("jobs", "Initialization of bean failed", failure));
		assertThat(analysis.getDescription()).isEqualTo("Bellwether could not start. The job name 'nightly refresh' "
				+ "in @LeaderScheduled on Jobs.refresh() is not valid: it must match [A-Za-z0-9._:-]{1,200}.");
		assertThat(analysis.getAction()).isEqualTo("Change the job name to 1 to 200 letters (A-Z, a-z), digits, "
				+ "'.', ':', '_' or '-', e.g. 'nightly-refresh'.");
	}

}
