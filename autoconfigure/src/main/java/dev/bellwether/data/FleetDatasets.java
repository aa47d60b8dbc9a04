package dev.bellwether.data;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.bellwether.leader.Leadership;
import dev.bellwether.leader.LeadershipEvent;
import dev.bellwether.leader.LeadershipGrantedEvent;
import dev.bellwether.spi.DatasetStore;
import dev.bellwether.spi.LeaderToken;
import dev.bellwether.support.EventLane;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.Assert;

/**
 * The group's datasets on this instance: the datasets declared here, the leader's
 * publications (through a {@link DatasetPublisher}) and the following of everyone else's
 * (through a {@link DatasetFollower}), which reconciles with the store on start, on every
 * resubscription, on every leadership grant and every verify interval. The application
 * hears of each new revision ({@link Dataset#onUpdate}, {@link DatasetUpdatedEvent}) on
 * the {@link EventLane}, where only a dataset's newest revision waits.
 */
public final class FleetDatasets implements Datasets, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(FleetDatasets.class);

	private final Leadership leadership;

	private final JsonMapper json;

	private final EventLane lane;

	private final ApplicationEventPublisher events;

	private final List<Consumer<DatasetUpdatedEvent>> listeners = new CopyOnWriteArrayList<>();

	private final Map<String, LocalDataset<?>> datasets = new ConcurrentHashMap<>();

	private final List<DatasetValidator<?>> validators = new CopyOnWriteArrayList<>();

	private final DatasetPublisher publisher;

	private final DatasetFollower follower;

	private volatile @Nullable ScheduledFuture<?> verifying;

	/**
	 * Creates the datasets of one instance.
	 * @param store where the group's datasets are kept
	 * @param leadership this instance's leadership
	 * @param json the mapper that encodes and decodes values
	 * @param lane where the application hears of new revisions
	 * @param events where {@link DatasetUpdatedEvent}s go, called on the lane
	 * @param scheduler where fetches and reconciliations run
	 * @param settings how to sync
	 */
	public FleetDatasets(DatasetStore store, Leadership leadership, JsonMapper json, EventLane lane,
			ApplicationEventPublisher events, TaskScheduler scheduler, Settings settings) {
		this.leadership = leadership;
		this.json = json;
		this.lane = lane;
		this.events = events;
		this.publisher = new DatasetPublisher(store, json, settings.maxPayloadSize());
		this.follower = new DatasetFollower(store, this.datasets, this.publisher, leadership, json, scheduler,
				settings);
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
		return this.follower.messages(outcome);
	}

	/**
	 * How many publications the store refused because the publisher no longer led.
	 * @return the count since start
	 */
	public long refusedPublications() {
		return this.publisher.refused();
	}

	/**
	 * When a dataset was last published, by the store's clock, as this instance holds it.
	 * @param name the dataset
	 * @return epoch milliseconds, {@code 0} if this instance holds none
	 */
	public long publishedAt(String name) {
		LocalDataset<?> dataset = this.datasets.get(name);
		return (dataset != null) ? dataset.snapshot().map((held) -> held.updatedAt().toEpochMilli()).orElse(0L) : 0;
	}

	/**
	 * Publishes a value with the given leadership, as a job that captured its token at
	 * its start does.
	 * @param name the dataset, declared already
	 * @param value the value
	 * @param token the leadership to publish with
	 * @return whether the publication landed
	 */
	public boolean publish(String name, Object value, LeaderToken token) {
		LocalDataset<?> dataset = this.datasets.get(name);
		Assert.state(dataset != null, () -> "Dataset '" + name + "' is not declared");
		validate(name, value);
		return this.publisher.publish(dataset, value, token);
	}

	/**
	 * Adds a validator that every value of its dataset must pass before it is published.
	 * @param validator the validator
	 */
	public void addValidator(DatasetValidator<?> validator) {
		Assert.notNull(validator, "'validator' must not be null");
		Names.check("Dataset", validator.dataset());
		this.validators.add(validator);
	}

	@SuppressWarnings("unchecked")
	private void validate(String name, Object value) {
		List<String> problems = new ArrayList<>();
		for (DatasetValidator<?> validator : this.validators) {
			if (validator.dataset().equals(name)) {
				problems.addAll(((DatasetValidator<Object>) validator).validate(value));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidDatasetException(name, problems);
		}
	}

	<T> boolean publish(LocalDataset<T> dataset, T value) {
		validate(dataset.name(), value);
		LeaderToken token = this.leadership.token().orElse(null);
		if (token == null) {
			this.publisher.refused(dataset.name(), "this instance is not the leader");
			return false;
		}
		return this.publisher.publish(dataset, value, token);
	}

	/**
	 * Brings this instance up to date with the store: fetches every newer revision and,
	 * on the leader, re-seeds datasets the store has lost from this instance's copy.
	 */
	public void reconcile() {
		this.follower.reconcile(List.copyOf(this.datasets.values()));
	}

	/**
	 * Registers a listener of the library's own, told of every new revision in order on
	 * the thread that applied it, before the application hears of it: it must return at
	 * once.
	 * @param listener the listener
	 */
	public void addListener(Consumer<DatasetUpdatedEvent> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Tells the library's listeners of a new revision at once, then the application on
	 * the lane.
	 */
	<T> void updated(LocalDataset<T> dataset, Snapshot<T> snapshot, List<Consumer<? super T>> applicationListeners) {
		DatasetUpdatedEvent event = new DatasetUpdatedEvent(dataset, snapshot);
		for (Consumer<DatasetUpdatedEvent> listener : this.listeners) {
			try {
				listener.accept(event);
			}
			catch (RuntimeException ex) {
				logger.error("An update listener of the library failed", ex);
			}
		}
		for (Consumer<? super T> listener : applicationListeners) {
			this.lane.deliverLatest(new Callback(dataset, listener), () -> listener.accept(snapshot.value()));
		}
		this.lane.deliverLatest(new Callback(dataset, this.events), () -> this.events.publishEvent(event));
	}

	/**
	 * Takes in a change of leadership: a new leader reconciles, and re-seeds what the
	 * store has lost.
	 * @param event the change
	 */
	public void leadershipChanged(LeadershipEvent event) {
		if (event instanceof LeadershipGrantedEvent) {
			reconcileSoon();
		}
	}

	private void reconcileSoon() {
		if (isRunning()) {
			this.follower.reconcileSoon();
		}
	}

	@Override
	public synchronized void start() {
		if (this.verifying == null) {
			this.verifying = this.follower.start();
		}
	}

	@Override
	public synchronized void stop() {
		ScheduledFuture<?> current = this.verifying;
		this.verifying = null;
		if (current != null) {
			current.cancel(false);
		}
	}

	@Override
	public boolean isRunning() {
		return this.verifying != null;
	}

	/**
	 * How datasets are kept in sync.
	 *
	 * @param verifyInterval how often to reconcile with the store
	 * @param maxPayloadSize the largest encoded value to publish or accept, in bytes
	 */
	public record Settings(Duration verifyInterval, long maxPayloadSize) {
	}

	/** One listener's callbacks about one dataset: only the newest waits on the lane. */
	private record Callback(Object dataset, Object listener) {
	}

}
