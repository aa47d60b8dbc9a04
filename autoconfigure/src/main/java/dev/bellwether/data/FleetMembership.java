package dev.bellwether.data;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bellwether.leader.Leadership;
import dev.bellwether.leader.Role;
import dev.bellwether.spi.MemberStore;
import dev.bellwether.support.Durations;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Announces this instance to its group with a heartbeat every verify interval, and soon
 * after each new revision it holds (at most once a second, so that a burst of revisions
 * costs a follower one heartbeat), so that any instance can show the whole fleet and who
 * lags. A heartbeat counts for three intervals.
 */
public final class FleetMembership implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(FleetMembership.class);

	private final MemberStore store;

	private final Leadership leadership;

	private final Datasets datasets;

	private final Duration interval;

	/** How long a heartbeat waits after a dataset update, to announce a burst once. */
	private static final Duration BEAT_DELAY = Duration.ofMillis(100);

	/** The least time between the last heartbeat and one that announces an update. */
	private static final Duration BEAT_SPACING = Duration.ofSeconds(1);

	private volatile Instant lastBeat = Instant.MIN;

	private final AtomicBoolean beatPending = new AtomicBoolean();

	private final TaskScheduler scheduler;

	private volatile @Nullable ScheduledFuture<?> beating;

	/**
	 * Creates the membership of one instance.
	 * @param store where members announce themselves
	 * @param leadership this instance's leadership
	 * @param datasets the datasets whose revisions it announces
	 * @param interval how often it announces itself
	 * @param scheduler where heartbeats are sent from
	 */
	public FleetMembership(MemberStore store, Leadership leadership, Datasets datasets, Duration interval,
			TaskScheduler scheduler) {
		this.store = store;
		this.leadership = leadership;
		this.datasets = datasets;
		this.interval = interval;
		this.scheduler = scheduler;
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
		return new MemberStore.Member(this.leadership.nodeId(), Role.of(this.leadership).name(),
				this.leadership.epoch(), revisions, 0);
	}

	/**
	 * Takes in a new revision held here: a heartbeat announces it soon.
	 * @param event the new revision
	 */
	public void updated(DatasetUpdatedEvent event) {
		if (isRunning() && this.beatPending.compareAndSet(false, true)) {
			Instant soon = this.scheduler.getClock().instant().plus(BEAT_DELAY);
			Instant spaced = this.lastBeat.plus(BEAT_SPACING);
			this.scheduler.schedule(this::beat, soon.isAfter(spaced) ? soon : spaced);
		}
	}

	private void beat() {
		this.beatPending.set(false);
		this.lastBeat = this.scheduler.getClock().instant();
		try {
			this.store.heartbeat(self(), this.interval.multipliedBy(3));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not send a heartbeat; the next one follows in " + Durations.format(this.interval), ex);
		}
	}

	@Override
	public synchronized void start() {
		if (this.beating == null) {
			this.beating = this.scheduler.scheduleWithFixedDelay(this::beat, this.interval);
		}
	}

	@Override
	public synchronized void stop() {
		ScheduledFuture<?> current = this.beating;
		this.beating = null;
		if (current != null) {
			current.cancel(false);
		}
	}

	@Override
	public boolean isRunning() {
		return this.beating != null;
	}

}
