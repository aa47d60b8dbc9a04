package dev.bellwether.data;

import java.util.List;

/**
 * Thrown when a value fails its dataset's {@link DatasetValidator}: it was not published.
 */
public class InvalidDatasetException extends IllegalStateException {

	private final String dataset;

	private final List<String> problems;

	/**
	 * Creates the exception.
	 * @param dataset the dataset
	 * @param problems what is wrong with the value
	 */
	public InvalidDatasetException(String dataset, List<String> problems) {
		super("Dataset '" + dataset + "' failed validation: " + String.join("; ", problems));
		this.dataset = dataset;
		this.problems = List.copyOf(problems);
	}

	/**
	 * The dataset whose value failed validation.
	 * @return the dataset's name
	 */
	public String getDataset() {
		return this.dataset;
	}

	/**
	 * What is wrong with the value.
	 * @return the problems
	 */
	public List<String> getProblems() {
		return this.problems;
	}

}
