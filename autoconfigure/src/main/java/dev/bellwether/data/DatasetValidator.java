package dev.bellwether.data;

import java.util.List;
import java.util.function.Function;

import org.springframework.util.Assert;

/**
 * Checks a dataset's value before it is published: a value with problems is never
 * published, the last good data stays on every instance, and the publication fails with
 * an {@link InvalidDatasetException} (a {@code @LeaderScheduled} run counts as a failure,
 * its {@code lastError} says why). Declare one as a bean per dataset; several for one
 * dataset all apply, in bean order.
 *
 * <pre class="code">
 * &#64;Bean
 * DatasetValidator&lt;Rates&gt; ratesValidator() {
 *     return DatasetValidator.of("rates", (rates) -&gt; rates.missingPairs().stream()
 *         .map((pair) -&gt; "missing pair " + pair).toList());
 * }
 * </pre>
 *
 * @param <T> the dataset's type
 */
public interface DatasetValidator<T> {

	/**
	 * The dataset this validator checks.
	 * @return the dataset's name
	 */
	String dataset();

	/**
	 * Checks a value about to be published. Throwing fails the publication as a problem
	 * would.
	 * @param value the value
	 * @return what is wrong with it, empty if it may be published
	 */
	List<String> validate(T value);

	/**
	 * A validator of the given dataset.
	 * @param <T> the dataset's type
	 * @param dataset the dataset's name
	 * @param rules what is wrong with a value, empty if nothing is
	 * @return the validator
	 */
	static <T> DatasetValidator<T> of(String dataset, Function<T, List<String>> rules) {
		Assert.hasText(dataset, "'dataset' must not be empty");
		Assert.notNull(rules, "'rules' must not be null");
		return new DatasetValidator<>() {

			@Override
			public String dataset() {
				return dataset;
			}

			@Override
			public List<String> validate(T value) {
				return rules.apply(value);
			}

		};
	}

}
