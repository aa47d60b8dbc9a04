package dev.bellwether.data;

import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Keeps this instance out of traffic ({@link ReadinessState#REFUSING_TRAFFIC}) until it
 * holds every declared dataset, or the store holds none of those it lacks, so that a
 * whole fleet started against an empty Redis still becomes ready. Once ready, it stays
 * ready: data held in memory is served even when Redis goes away.
 */
public final class DatasetReadiness implements ApplicationListener<ApplicationEvent> {

	private static final Log logger = LogFactory.getLog(DatasetReadiness.class);

	private static final long CHECK_MILLIS = 500;

	private final Datasets datasets;

	private final DatasetStore store;

	private final ApplicationEventPublisher events;

	private volatile boolean ready;

	private @Nullable ScheduledThreadPoolExecutor checker;

	/**
	 * Creates the gate.
	 * @param datasets the declared datasets
	 * @param store where the datasets are kept
	 * @param events where readiness changes are published
	 */
	public DatasetReadiness(Datasets datasets, DatasetStore store, ApplicationEventPublisher events) {
		this.datasets = datasets;
		this.store = store;
		this.events = events;
	}

	/**
	 * Whether this instance holds what it needs to serve.
	 * @return whether it is ready
	 */
	public boolean isReady() {
		return this.ready || check();
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ContextClosedEvent) {
			stopChecking();
		}
		if (this.ready) {
			return;
		}
		if (event instanceof AvailabilityChangeEvent<?> change && change.getSource() != this
				&& change.getState() == ReadinessState.ACCEPTING_TRAFFIC && !check()) {
			AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
			startChecking();
		}
		else if (event instanceof DatasetUpdatedEvent) {
			becomeReadyIfPossible();
		}
	}

	private synchronized void startChecking() {
		if (this.checker == null) {
			CustomizableThreadFactory threads = new CustomizableThreadFactory("bellwether-readiness-");
			threads.setDaemon(true);
			this.checker = new ScheduledThreadPoolExecutor(1, threads);
			this.checker.scheduleWithFixedDelay(this::becomeReadyIfPossible, CHECK_MILLIS, CHECK_MILLIS,
					TimeUnit.MILLISECONDS);
		}
	}

	private synchronized void becomeReadyIfPossible() {
		if (this.checker == null || this.checker.isShutdown() || !check()) {
			return;
		}
		stopChecking();
		logger.info("Holding every declared dataset: ready for traffic");
		AvailabilityChangeEvent.publish(this.events, this, ReadinessState.ACCEPTING_TRAFFIC);
	}

	private synchronized void stopChecking() {
		if (this.checker != null) {
			this.checker.shutdown();
		}
	}

	private boolean check() {
		List<String> missing = this.datasets.all()
			.stream()
			.filter((dataset) -> dataset.snapshot().isEmpty())
			.map(Dataset::name)
			.toList();
		if (missing.isEmpty()) {
			this.ready = true;
			return true;
		}
		try {
			DatasetStore.State state = this.store.state(missing);
			this.ready = state.revisions().values().stream().allMatch((revision) -> revision == 0);
			return this.ready;
		}
		catch (RuntimeException ex) {
			logger.debug("Could not tell whether the store holds datasets " + missing, ex);
			return false;
		}
	}

}
