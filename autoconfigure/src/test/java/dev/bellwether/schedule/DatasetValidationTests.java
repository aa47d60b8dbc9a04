package dev.bellwether.schedule;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bellwether.data.Dataset;
import dev.bellwether.data.DatasetValidator;
import dev.bellwether.data.InvalidDatasetException;
import dev.bellwether.time.ManualFleet;
import dev.bellwether.time.ManualFleet.Node;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A result that fails its dataset's validator is never published: the run fails with the
 * validator's problems and the last good data stays on every instance.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatasetValidationTests {

	@AutoClose
	private final ManualFleet fleet = new ManualFleet();

	private final FleetJobTests.Rates rates = new FleetJobTests.Rates(this.fleet);

	private final Node a = this.fleet.node("a").running(this.rates);

	private final Node b = this.fleet.node("b").running(new FleetJobTests.Rates(this.fleet));

	@Test
	void resultThatFailsValidationIsNotPublishedAndTheRunFailsWithItsProblems(CapturedOutput output) {
		DatasetValidator<Integer> evenOnly = DatasetValidator.of("rates",
				(value) -> (value % 2 == 0) ? List.of() : List.of("odd value " + value));
		this.a.datasets().addValidator(DatasetValidator.of("rates", (Integer value) -> List.of()));
		this.fleet.start(this.a, this.b);
		assertThat(rates(this.b).current()).contains(1);
		this.a.datasets().addValidator(evenOnly);
		this.fleet.time.advance(Duration.ofMinutes(1));
		assertThat(this.a.outcomes).containsExactly(JobOutcome.SUCCESS, JobOutcome.SUCCESS);
		assertThat(rates(this.b).current()).contains(2);
		this.fleet.time.advance(Duration.ofMinutes(1));
		assertThat(this.a.outcomes).containsExactly(JobOutcome.SUCCESS, JobOutcome.SUCCESS, JobOutcome.FAILURE);
		assertThat(this.fleet.stores.jobs().read("rates").lastError())
			.isEqualTo("InvalidDatasetException: Dataset 'rates' failed validation: odd value 3");
		assertThat(rates(this.a).current()).contains(2);
		assertThat(rates(this.b).current()).contains(2);
		assertThat(rates(this.b).revision()).isEqualTo(2);
		assertThat(output)
			.contains("Job 'rates' produced a result that failed validation, so it was not published"
					+ " and the last good data stays in place: odd value 3")
			.as("one line, no stack trace")
			.doesNotContain("InvalidDatasetException");
	}

	@Test
	void directPublicationThatFailsValidationThrowsAndIsNotPublished() {
		this.fleet.start(this.a, this.b);
		this.a.datasets().addValidator(DatasetValidator.of("rates", (Integer value) -> List.of("never", "at all")));
		assertThatExceptionOfType(InvalidDatasetException.class).isThrownBy(() -> rates(this.a).publish(7))
			.withMessage("Dataset 'rates' failed validation: never; at all")
			.satisfies((ex) -> assertThat(ex.getProblems()).containsExactly("never", "at all"));
		assertThat(rates(this.b).revision()).isEqualTo(1);
	}

	private static Dataset<Integer> rates(Node node) {
		return node.datasets().get("rates", Integer.class);
	}

}
