package dev.bellwether.data;

import org.springframework.context.ApplicationEvent;

/**
 * Published on every instance when a new revision of a dataset lands in its memory.
 */
public class DatasetUpdatedEvent extends ApplicationEvent {

	private final Snapshot<?> snapshot;

	/**
	 * Creates an event.
	 * @param dataset the dataset that changed
	 * @param snapshot its new snapshot
	 */
	public DatasetUpdatedEvent(Dataset<?> dataset, Snapshot<?> snapshot) {
		super(dataset);
		this.snapshot = snapshot;
	}

	/**
	 * The dataset that changed.
	 * @return the dataset
	 */
	public Dataset<?> getDataset() {
		return (Dataset<?>) getSource();
	}

	/**
	 * The new snapshot.
	 * @return the snapshot
	 */
	public Snapshot<?> getSnapshot() {
		return this.snapshot;
	}

}
