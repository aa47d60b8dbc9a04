package dev.bellwether.data;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.ResolvableType;

/**
 * A dataset's copy in this instance's memory: one volatile reference to an immutable
 * snapshot, replaced only by a newer one.
 */
final class LocalDataset<T> implements Dataset<T> {

	private static final Log logger = LogFactory.getLog(LocalDataset.class);

	private final String name;

	private final ResolvableType type;

	private final JavaType javaType;

	private final FleetDatasets owner;

	private final ApplicationEventPublisher events;

	private final List<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();

	private volatile @Nullable Snapshot<T> snapshot;

	LocalDataset(String name, ResolvableType type, JavaType javaType, FleetDatasets owner,
			ApplicationEventPublisher events) {
		this.name = name;
		this.type = type;
		this.javaType = javaType;
		this.owner = owner;
		this.events = events;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Optional<T> current() {
		Snapshot<T> held = this.snapshot;
		return (held != null) ? Optional.of(held.value()) : Optional.empty();
	}

	@Override
	public long revision() {
		Snapshot<T> held = this.snapshot;
		return (held != null) ? held.revision() : 0;
	}

	@Override
	public Optional<Snapshot<T>> snapshot() {
		return Optional.ofNullable(this.snapshot);
	}

	@Override
	public void onUpdate(Consumer<? super T> listener) {
		this.listeners.add(listener);
	}

	@Override
	public boolean publish(T value) {
		return this.owner.publish(this, value);
	}

	ResolvableType type() {
		return this.type;
	}

	JavaType javaType() {
		return this.javaType;
	}

	/**
	 * Holds the snapshot if it is newer than the one held, and tells the listeners, then
	 * the application, in order.
	 * @return whether it was newer
	 */
	boolean apply(Snapshot<T> offered) {
		if (!offer(offered)) {
			return false;
		}
		try {
			this.events.publishEvent(new DatasetUpdatedEvent(this, offered));
		}
		catch (RuntimeException ex) {
			logger.error("A DatasetUpdatedEvent listener failed", ex);
		}
		return true;
	}

	private synchronized boolean offer(Snapshot<T> offered) {
		Snapshot<T> held = this.snapshot;
		if (held != null && !offered.isNewerThan(held)) {
			return false;
		}
		this.snapshot = offered;
		for (Consumer<? super T> listener : this.listeners) {
			try {
				listener.accept(offered.value());
			}
			catch (RuntimeException ex) {
				logger.error("An update listener of dataset '" + this.name + "' failed", ex);
			}
		}
		return true;
	}

}
