package dev.bellwether.data;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bellwether.leader.Leadership;
import dev.bellwether.support.Durations;

import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Announces this instance to its group with a heartbeat every verify interval, and soon
 * after each new revision it holds, so that any instance can show the whole fleet and who
 * lags. A heartbeat counts for three intervals.
 */
public final class FleetMembership implements ApplicationListener<DatasetUpdatedEvent>, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(FleetMembership.class);

	private final MemberStore store;

	private final Leadership leadership;

	private final Datasets datasets;

	private final Duration interval;

	private final AtomicBoolean beatPending = new AtomicBoolean();

	private volatile @Nullable ScheduledThreadPoolExecutor executor;

	/**
	 * Creates the membership of one instance.
	 * @param store where members announce themselves
	 * @param leadership this instance's leadership
	 * @param datasets the datasets whose revisions it announces
	 * @param interval how often it announces itself
	 */
	public FleetMembership(MemberStore store, Leadership leadership, Datasets datasets, Duration interval) {
		this.store = store;
		this.leadership = leadership;
		this.datasets = datasets;
		this.interval = interval;
	}

	/**
	 * The live members of the group.
	 * @return the members, as they last announced themselves
	 */
	public List<MemberStore.Member> members() {
		return this.store.members();
	}

	/**
	 * What this instance announces.
	 * @return this instance as a member
	 */
	public MemberStore.Member self() {
		Map<String, Long> revisions = new TreeMap<>();
		this.datasets.all().forEach((dataset) -> revisions.put(dataset.name(), dataset.revision()));
		return new MemberStore.Member(this.leadership.nodeId(), this.leadership.isLeader() ? "LEADER" : "FOLLOWER",
				this.leadership.epoch(), revisions, 0);
	}

	@Override
	public void onApplicationEvent(DatasetUpdatedEvent event) {
		ScheduledThreadPoolExecutor current = this.executor;
		if (current != null && this.beatPending.compareAndSet(false, true)) {
			current.schedule(this::beat, 100, TimeUnit.MILLISECONDS);
		}
	}

	private void beat() {
		this.beatPending.set(false);
		try {
			this.store.heartbeat(self(), this.interval.multipliedBy(3));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not send a heartbeat; the next one follows in " + Durations.format(this.interval), ex);
		}
	}

	@Override
	public synchronized void start() {
		if (this.executor == null) {
			ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(1,
					new CustomizableThreadFactory("bellwether-heartbeat-"));
			started.setRemoveOnCancelPolicy(true);
			started.scheduleWithFixedDelay(this::beat, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
			this.executor = started;
		}
	}

	@Override
	public synchronized void stop() {
		ScheduledThreadPoolExecutor current = this.executor;
		this.executor = null;
		if (current != null) {
			current.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
