package dev.bellwether.actuate;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bellwether.data.Dataset;
import dev.bellwether.data.Datasets;
import dev.bellwether.spi.DatasetStore;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Readiness for traffic, a member of the {@code readiness} health group only: UP once
 * this instance holds every declared dataset, or when Redis holds none of those it lacks
 * (so a whole fleet started against an empty Redis becomes ready), OUT_OF_SERVICE before.
 * Once ready it stays ready: data held in memory is served even when Redis goes away. It
 * answers from what the store last {@link DatasetStore#observed observed}, never waiting
 * on Redis: a dataset whose revision in the store was never read counts as loading.
 */
public class BellwetherReadinessHealthIndicator extends AbstractHealthIndicator {

	private final Datasets datasets;

	private final DatasetStore store;

	private volatile boolean ready;

	/**
	 * Creates the indicator.
	 * @param datasets the declared datasets
	 * @param store where the datasets are kept
	 */
	public BellwetherReadinessHealthIndicator(Datasets datasets, DatasetStore store) {
		super("Bellwether readiness check failed");
		this.datasets = datasets;
		this.store = store;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.ready) {
			builder.up();
			return;
		}
		List<String> missing = this.datasets.all()
			.stream()
			.filter((dataset) -> dataset.snapshot().isEmpty())
			.map(Dataset::name)
			.sorted()
			.toList();
		if (!missing.isEmpty()) {
			DatasetStore.State state = this.store.observed(missing).state();
			missing = missing.stream().filter((name) -> stored(state, name)).toList();
		}
		if (missing.isEmpty()) {
			this.ready = true;
			builder.up();
		}
		else {
			builder.outOfService().withDetail("loading", missing);
		}
	}

	/** Whether the store holds the dataset, or may: it was not read yet. */
	private static boolean stored(DatasetStore.@Nullable State state, String name) {
		Long revision = (state != null) ? state.revisions().get(name) : null;
		return revision == null || revision != 0;
	}

}
