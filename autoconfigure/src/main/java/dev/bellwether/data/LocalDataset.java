package dev.bellwether.data;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import org.springframework.core.ResolvableType;

/**
 * A dataset's copy in this instance's memory: one volatile reference to an immutable
 * snapshot, replaced only by a newer one.
 */
final class LocalDataset<T> implements Dataset<T> {

	private final String name;

	private final ResolvableType type;

	private final JavaType javaType;

	private final FleetDatasets owner;

	private final List<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();

	// Written under this dataset's lock, read without it.
	private volatile @Nullable Snapshot<T> snapshot;

	/** Snapshots held but not yet told, in the order they were held. */
	private final Queue<Snapshot<T>> untold = new ConcurrentLinkedQueue<>();

	/** Held while telling, so the owner hears of each snapshot once and in order. */
	private final Object telling = new Object();

	LocalDataset(String name, ResolvableType type, JavaType javaType, FleetDatasets owner) {
		this.name = name;
		this.type = type;
		this.javaType = javaType;
		this.owner = owner;
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
	 * Holds the snapshot if it is newer than the one held, then tells the owner, in the
	 * order snapshots were held, outside this dataset's lock.
	 * @return whether it was newer
	 */
	boolean apply(Snapshot<T> offered) {
		if (!hold(offered)) {
			return false;
		}
		tell();
		return true;
	}

	private synchronized boolean hold(Snapshot<T> offered) {
		Snapshot<T> held = this.snapshot;
		if (held != null && !offered.isNewerThan(held)) {
			return false;
		}
		this.snapshot = offered;
		this.untold.add(offered);
		return true;
	}

	private void tell() {
		synchronized (this.telling) {
			Snapshot<T> next;
			while ((next = this.untold.poll()) != null) {
				this.owner.updated(this, next, this.listeners);
			}
		}
	}

}
