package dev.bellwether.data;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLongArray;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.bellwether.leader.Leadership;
import dev.bellwether.spi.DatasetStore;
import dev.bellwether.spi.LeaderToken;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;

/**
 * Keeps this instance's datasets in step with the {@link DatasetStore}: applies announced
 * revisions that are newer than what it holds, fetches those announced without their
 * payload, and reconciles with the store on demand and every verify interval, so a lost
 * message is caught up and an emptied store is re-seeded by the leader from its copy.
 */
final class DatasetFollower implements DatasetStore.Listener {

	private static final Log logger = LogFactory.getLog(DatasetFollower.class);

	private final DatasetStore store;

	/** The datasets declared here, by name; owned by {@link FleetDatasets}. */
	private final Map<String, LocalDataset<?>> declared;

	private final DatasetPublisher publisher;

	private final Leadership leadership;

	private final JsonMapper json;

	private final TaskScheduler scheduler;

	private final FleetDatasets.Settings settings;

	/** How many messages ended with each {@link SyncOutcome}, by its ordinal. */
	private final AtomicLongArray messages = new AtomicLongArray(SyncOutcome.values().length);

	DatasetFollower(DatasetStore store, Map<String, LocalDataset<?>> declared, DatasetPublisher publisher,
			Leadership leadership, JsonMapper json, TaskScheduler scheduler, FleetDatasets.Settings settings) {
		this.store = store;
		this.declared = declared;
		this.publisher = publisher;
		this.leadership = leadership;
		this.json = json;
		this.scheduler = scheduler;
		this.settings = settings;
	}

	long messages(SyncOutcome outcome) {
		return this.messages.get(outcome.ordinal());
	}

	ScheduledFuture<?> start() {
		this.store.subscribe(this);
		return this.scheduler.scheduleWithFixedDelay(this::reconcileQuietly, this.settings.verifyInterval());
	}

	@Override
	public void received(DatasetStore.Entry entry) {
		LocalDataset<?> dataset = this.declared.get(entry.name());
		if (dataset == null) {
			this.messages.incrementAndGet(SyncOutcome.REJECTED.ordinal());
			logger.debug("Ignored a revision of dataset '" + entry.name() + "', which is not declared here");
		}
		else if (entry.payload() == null) {
			soon(() -> fetch(dataset, entry));
		}
		else {
			count(offer(dataset, entry), "revision " + entry.revision() + " of '" + entry.name() + "'");
		}
	}

	@Override
	public void malformed(String reason) {
		count(SyncOutcome.MALFORMED, reason);
	}

	@Override
	public void rejected(String reason) {
		count(SyncOutcome.REJECTED, reason);
	}

	@Override
	public void subscribed() {
		reconcileSoon();
	}

	void reconcileSoon() {
		soon(this::reconcileQuietly);
	}

	private void soon(Runnable task) {
		try {
			this.scheduler.schedule(task, this.scheduler.getClock().instant());
		}
		catch (TaskRejectedException ex) {
			logger.debug("Not syncing: shutting down");
		}
	}

	/**
	 * Fetches every newer revision of the given datasets and, on the leader, re-seeds
	 * those the store has lost from this instance's copy.
	 */
	void reconcile(Collection<LocalDataset<?>> datasets) {
		if (datasets.isEmpty()) {
			return;
		}
		// What this instance holds is read before the store: a revision published in
		// between then shows in the store, and is not taken for one the store lost.
		Map<LocalDataset<?>, Snapshot<?>> holding = new HashMap<>();
		datasets.forEach((dataset) -> dataset.snapshot().ifPresent((held) -> holding.put(dataset, held)));
		DatasetStore.State state = this.store.state(datasets.stream().map(LocalDataset::name).toList());
		for (LocalDataset<?> dataset : datasets) {
			long revision = state.revisions().getOrDefault(dataset.name(), 0L);
			Snapshot<?> held = holding.get(dataset);
			if (revision == 0 || state.store() == null) {
				if (held != null) {
					reseed(dataset, held);
				}
			}
			else if (held == null || Snapshot.isNewer(state.store(), revision, held.store(), held.revision())) {
				fetch(dataset, null);
			}
		}
	}

	private void reconcileQuietly() {
		try {
			reconcile(List.copyOf(this.declared.values()));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not reconcile datasets with the store; serving the data held here until it works", ex);
		}
	}

	private void reseed(LocalDataset<?> dataset, Snapshot<?> held) {
		LeaderToken token = this.leadership.token().orElse(null);
		if (token != null) {
			logger.info("The store has lost dataset '" + dataset.name() + "'; re-seeding it from revision "
					+ held.revision() + " held here");
			this.publisher.publish(dataset, held.value(), token);
		}
	}

	private void fetch(LocalDataset<?> dataset, DatasetStore.@Nullable Entry announced) {
		try {
			DatasetStore.Entry entry = this.store.read(dataset.name());
			if (entry != null) {
				SyncOutcome outcome = offer(dataset, entry);
				if (announced != null) {
					count(outcome, "revision " + announced.revision() + " of '" + dataset.name() + "'");
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not fetch dataset '" + dataset.name() + "'; the next reconciliation retries", ex);
		}
	}

	@SuppressWarnings("unchecked")
	private <T> SyncOutcome offer(LocalDataset<T> dataset, DatasetStore.Entry entry) {
		byte[] payload = entry.payload();
		if (payload == null || payload.length > this.settings.maxPayloadSize()) {
			return SyncOutcome.REJECTED;
		}
		Snapshot<T> held = dataset.snapshot().orElse(null);
		if (held != null && !Snapshot.isNewer(entry.store(), entry.revision(), held.store(), held.revision())) {
			return SyncOutcome.STALE;
		}
		T value;
		try {
			value = (T) this.json.readValue(payload, dataset.javaType());
		}
		catch (JacksonException ex) {
			return SyncOutcome.MALFORMED;
		}
		Snapshot<T> snapshot = new Snapshot<>(value, entry.store(), entry.revision(), entry.epoch(),
				Instant.ofEpochMilli(entry.updatedAt()));
		return dataset.apply(snapshot) ? SyncOutcome.APPLIED : SyncOutcome.STALE;
	}

	private void count(SyncOutcome outcome, String what) {
		this.messages.incrementAndGet(outcome.ordinal());
		if (outcome == SyncOutcome.MALFORMED || outcome == SyncOutcome.REJECTED) {
			logger.warn("Dropped a message on the group's channel (" + outcome.name().toLowerCase() + "): " + what);
		}
	}

}
