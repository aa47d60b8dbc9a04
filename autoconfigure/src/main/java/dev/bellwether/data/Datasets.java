package dev.bellwether.data;

import java.util.Collection;

import org.springframework.core.ParameterizedTypeReference;

/**
 * The datasets of this instance's group.
 */
public interface Datasets {

	/**
	 * The dataset with the given name, declared with the given type on first use.
	 * @param <T> the type of the value
	 * @param name the name, matching {@code [A-Za-z0-9._:-]{1,200}}
	 * @param type the type of the value
	 * @return the dataset
	 * @throws IllegalArgumentException if the dataset was declared with another type
	 */
	<T> Dataset<T> get(String name, Class<T> type);

	/**
	 * The dataset with the given name and a generic type such as
	 * {@code Map<String, BigDecimal>}, declared on first use.
	 * @param <T> the type of the value
	 * @param name the name, matching {@code [A-Za-z0-9._:-]{1,200}}
	 * @param type the type of the value
	 * @return the dataset
	 * @throws IllegalArgumentException if the dataset was declared with another type
	 */
	<T> Dataset<T> get(String name, ParameterizedTypeReference<T> type);

	/**
	 * Every dataset declared on this instance.
	 * @return the datasets
	 */
	Collection<Dataset<?>> all();

}
