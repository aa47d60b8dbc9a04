package dev.bellwether.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.bellwether.leader.LeaderToken;
import dev.bellwether.leader.Leadership;
import dev.bellwether.leader.LeadershipGrantedEvent;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;

/**
 * The group's datasets on this instance: publishes the leader's values through a
 * {@link DatasetStore}, applies announced revisions in order, and reconciles with the
 * store on start, on every resubscription, on every leadership grant and every verify
 * interval, so a lost message is caught up and an emptied store is re-seeded by the
 * leader from its own copy.
 * <p>
 * In {@code every-instance} mode nothing goes through the store: each instance's
 * publications land in its own memory only.
 */
public final class FleetDatasets
		implements Datasets, DatasetStore.Listener, ApplicationListener<LeadershipGrantedEvent>, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(FleetDatasets.class);

	private static final String LOCAL_STORE = "local";

	private final DatasetStore store;

	private final Leadership leadership;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final Settings settings;

	private final Map<String, LocalDataset<?>> datasets = new ConcurrentHashMap<>();

	private final Map<SyncOutcome, AtomicLong> messages = new EnumMap<>(SyncOutcome.class);

	private final AtomicLong refusedPublications = new AtomicLong();

	private volatile @Nullable ScheduledExecutorService executor;

	/**
	 * Creates the datasets of one instance.
	 * @param store where the group's datasets are kept
	 * @param leadership this instance's leadership
	 * @param json the mapper that encodes and decodes values
	 * @param events where {@link DatasetUpdatedEvent}s go
	 * @param settings how to sync
	 */
	public FleetDatasets(DatasetStore store, Leadership leadership, JsonMapper json, ApplicationEventPublisher events,
			Settings settings) {
		this.store = store;
		this.leadership = leadership;
		this.json = json;
		this.events = events;
		this.settings = settings;
		for (SyncOutcome outcome : SyncOutcome.values()) {
			this.messages.put(outcome, new AtomicLong());
		}
	}

	@Override
	public <T> Dataset<T> get(String name, Class<T> type) {
		return get(name, ResolvableType.forClass(type));
	}

	@Override
	public <T> Dataset<T> get(String name, ParameterizedTypeReference<T> type) {
		return get(name, ResolvableType.forType(type));
	}

	/**
	 * The dataset with the given name and type, declared on first use.
	 * @param <T> the type of the value
	 * @param name the name
	 * @param type the type of the value
	 * @return the dataset
	 */
	@SuppressWarnings("unchecked")
	public <T> Dataset<T> get(String name, ResolvableType type) {
		LocalDataset<?> dataset = this.datasets.get(name);
		if (dataset == null) {
			dataset = this.datasets.computeIfAbsent(name, (key) -> new LocalDataset<>(Names.check("Dataset", key), type,
					this.json.constructType(type.getType()), this));
			reconcileSoon();
		}
		LocalDataset<?> declared = dataset;
		Assert.isTrue(declared.type().getType().equals(type.getType()),
				() -> "Dataset '" + name + "' is declared as " + declared.type() + " and cannot be read as " + type);
		return (Dataset<T>) declared;
	}

	@Override
	public Collection<Dataset<?>> all() {
		return List.copyOf(this.datasets.values());
	}

	/**
	 * How many channel messages ended with the given outcome.
	 * @param outcome the outcome
	 * @return the count since start
	 */
	public long messages(SyncOutcome outcome) {
		return this.messages.get(outcome).get();
	}

	/**
	 * How many publications the store refused because the publisher no longer led.
	 * @return the count since start
	 */
	public long refusedPublications() {
		return this.refusedPublications.get();
	}

	/**
	 * Publishes a value with the given leadership, as a job that captured its token at
	 * its start does.
	 * @param name the dataset, declared already
	 * @param value the value
	 * @param token the leadership to publish with; {@code null} only in every-instance
	 * mode
	 * @return whether the publication landed
	 */
	public boolean publish(String name, Object value, @Nullable LeaderToken token) {
		LocalDataset<?> dataset = this.datasets.get(name);
		Assert.state(dataset != null, () -> "Dataset '" + name + "' is not declared");
		Assert.isTrue(token != null || this.settings.everyInstance(), "'token' is required in leader mode");
		return publish(dataset, value, this.settings.everyInstance() ? null : token);
	}

	<T> boolean publish(LocalDataset<T> dataset, T value) {
		if (this.settings.everyInstance()) {
			return publish(dataset, value, null);
		}
		LeaderToken token = this.leadership.token().orElse(null);
		if (token == null) {
			refused(dataset.name(), "this instance is not the leader");
			return false;
		}
		return publish(dataset, value, token);
	}

	@SuppressWarnings("unchecked")
	private <T> boolean publish(LocalDataset<T> dataset, Object value, @Nullable LeaderToken token) {
		byte[] payload = this.json.writeValueAsBytes(value);
		if (payload.length > this.settings.maxPayloadSize()) {
			throw new IllegalArgumentException("Dataset '" + dataset.name() + "' encodes to " + payload.length
					+ " bytes, more than bellwether.sync.max-payload-size (" + this.settings.maxPayloadSize()
					+ " bytes): publish less, or raise the limit");
		}
		if (token == null) {
			Snapshot<T> local = new Snapshot<>((T) value, LOCAL_STORE, dataset.revision() + 1, 0, Instant.now());
			return apply(dataset, local);
		}
		DatasetStore.Entry entry = this.store.publish(token, dataset.name(), payload, dataset.revision());
		if (entry == null) {
			refused(dataset.name(), "its leadership " + token + " was replaced");
			return false;
		}
		apply(dataset, new Snapshot<>((T) value, entry.store(), entry.revision(), entry.epoch(),
				Instant.ofEpochMilli(entry.updatedAt())));
		return true;
	}

	@Override
	public void received(DatasetStore.Entry entry) {
		LocalDataset<?> dataset = this.datasets.get(entry.name());
		if (dataset == null) {
			this.messages.get(SyncOutcome.REJECTED).incrementAndGet();
			logger.debug("Ignored a revision of dataset '" + entry.name() + "', which is not declared here");
		}
		else if (entry.payload() == null) {
			ScheduledExecutorService current = this.executor;
			if (current != null) {
				current.execute(() -> fetch(dataset, entry));
			}
		}
		else {
			SyncOutcome outcome = offer(dataset, entry);
			count(outcome, "revision " + entry.revision() + " of '" + entry.name() + "'");
		}
	}

	@Override
	public void malformed(String reason) {
		count(SyncOutcome.MALFORMED, reason);
	}

	@Override
	public void subscribed() {
		reconcileSoon();
	}

	@Override
	public void onApplicationEvent(LeadershipGrantedEvent event) {
		reconcileSoon();
	}

	/**
	 * Brings this instance up to date with the store: fetches every newer revision and,
	 * on the leader, re-seeds datasets the store has lost from this instance's copy.
	 */
	public void reconcile() {
		if (this.settings.everyInstance() || this.datasets.isEmpty()) {
			return;
		}
		List<String> names = new ArrayList<>(this.datasets.keySet());
		// What this instance holds is read before the store: a revision published in
		// between then shows in the store, and is not taken for one the store lost.
		Map<String, Snapshot<?>> holding = new HashMap<>();
		names.forEach((name) -> this.datasets.get(name).snapshot().ifPresent((held) -> holding.put(name, held)));
		DatasetStore.State state = this.store.state(names);
		for (String name : names) {
			LocalDataset<?> dataset = this.datasets.get(name);
			long revision = state.revisions().getOrDefault(name, 0L);
			Snapshot<?> held = holding.get(name);
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

	private <T> void reseed(LocalDataset<T> dataset, Snapshot<?> held) {
		LeaderToken token = this.leadership.token().orElse(null);
		if (token != null) {
			logger.info("The store has lost dataset '" + dataset.name() + "'; re-seeding it from revision "
					+ held.revision() + " held here");
			publish(dataset, held.value(), token);
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
		return apply(dataset, snapshot) ? SyncOutcome.APPLIED : SyncOutcome.STALE;
	}

	private <T> boolean apply(LocalDataset<T> dataset, Snapshot<T> snapshot) {
		if (!dataset.offer(snapshot)) {
			return false;
		}
		try {
			this.events.publishEvent(new DatasetUpdatedEvent(dataset, snapshot));
		}
		catch (RuntimeException ex) {
			logger.error("A DatasetUpdatedEvent listener failed", ex);
		}
		return true;
	}

	private void count(SyncOutcome outcome, String what) {
		this.messages.get(outcome).incrementAndGet();
		if (outcome == SyncOutcome.MALFORMED || outcome == SyncOutcome.REJECTED) {
			logger.warn("Dropped a message on the group's channel (" + outcome.name().toLowerCase() + "): " + what);
		}
	}

	private void refused(String name, String reason) {
		this.refusedPublications.incrementAndGet();
		logger.warn("Publication of dataset '" + name + "' refused: " + reason);
	}

	private void reconcileSoon() {
		ScheduledExecutorService current = this.executor;
		if (current != null) {
			current.execute(this::reconcileQuietly);
		}
	}

	private void reconcileQuietly() {
		try {
			reconcile();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not reconcile datasets with the store; serving the data held here until it works", ex);
		}
	}

	@Override
	public synchronized void start() {
		if (this.executor != null || this.settings.everyInstance()) {
			return;
		}
		ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(1,
				new CustomizableThreadFactory("bellwether-sync-"));
		this.executor = started;
		this.store.subscribe(this);
		long verify = this.settings.verifyInterval().toMillis();
		started.scheduleWithFixedDelay(this::reconcileQuietly, 0, verify, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService current = this.executor;
		this.executor = null;
		if (current != null) {
			current.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	/**
	 * How datasets are kept in sync.
	 *
	 * @param everyInstance whether each instance keeps its own publications (the
	 * {@code every-instance} mode) instead of syncing through the store
	 * @param verifyInterval how often to reconcile with the store
	 * @param maxPayloadSize the largest encoded value to publish or accept, in bytes
	 */
	public record Settings(boolean everyInstance, Duration verifyInterval, long maxPayloadSize) {
	}

}
