package dev.bellwether.time;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.bellwether.data.FleetDatasets;
import dev.bellwether.leader.ElectionSettings;
import dev.bellwether.leader.LeaderElector;
import dev.bellwether.leader.LeadershipGrantedEvent;
import dev.bellwether.memory.InMemoryStores;
import dev.bellwether.schedule.FleetScheduler;
import dev.bellwether.schedule.JobOutcome;
import dev.bellwether.schedule.Jobs;
import dev.bellwether.schedule.LeaderScheduledBeanPostProcessor;
import dev.bellwether.schedule.RetrySettings;
import dev.bellwether.support.EventLane;

/**
 * A fleet on manual time: instances that share one {@link ManualScheduler} and one set of
 * in-memory stores that announce synchronously, each reaching the stores through
 * {@link FaultyStores} of its own. Nothing runs unless the test moves time. Close it
 * (e.g. with {@code @AutoClose}) to stop every instance.
 */
public final class ManualFleet implements AutoCloseable {

	/** How long a leadership lasts without renewal. */
	public static final Duration TTL = Duration.ofSeconds(10);

	/** How often the leader renews. */
	public static final Duration RENEW = Duration.ofSeconds(3);

	/** Retries with a delay small enough for a unit test. */
	public static final RetrySettings RETRY = new RetrySettings(3, Duration.ofMillis(1), 1.0, Duration.ofMillis(1));

	public final ManualScheduler time = new ManualScheduler();

	public final InMemoryStores stores = InMemoryStores.create(this.time.getClock(), Runnable::run);

	private final List<Node> nodes = new CopyOnWriteArrayList<>();

	/**
	 * An instance of this fleet, not started.
	 * @param nodeId its node id
	 * @return the instance
	 */
	public Node node(String nodeId) {
		Node node = new Node(nodeId);
		this.nodes.add(node);
		return node;
	}

	/**
	 * Starts the given instances in turn: the first one leads, the others follow.
	 * @param nodes the instances
	 */
	public void start(Node... nodes) {
		for (Node node : nodes) {
			node.start();
		}
	}

	/** Stops every instance: its jobs, then its elector. */
	@Override
	public void close() {
		for (Node node : this.nodes) {
			if (node.jobs != null) {
				node.jobs.stop();
			}
			node.elector.stop();
		}
	}

	/** One instance: its elector and, if it runs jobs, its datasets and job scheduler. */
	public final class Node {

		public final FaultyStores faults;

		public final LeaderElector elector;

		/** The event lane, running each callback on the thread that hands it in. */
		private final EventLane lane = new EventLane(Runnable::run);

		/** Every event this instance published, in order. */
		public final List<Recorded> events = new CopyOnWriteArrayList<>();

		/** How every job run on this instance ended, in order. */
		public final List<JobOutcome> outcomes = new CopyOnWriteArrayList<>();

		private @Nullable FleetDatasets datasets;

		private @Nullable FleetScheduler jobs;

		Node(String nodeId) {
			this.faults = new FaultyStores(ManualFleet.this.stores);
			this.elector = new LeaderElector(this.faults.leader(), new ElectionSettings(nodeId, TTL, RENEW), this.lane,
					this::published, ManualFleet.this.time, ManualFleet.this.time);
		}

		/**
		 * Makes this instance run the {@code @LeaderScheduled} methods of the given
		 * beans.
		 * @param beans the beans
		 * @return this instance
		 */
		public Node running(Object... beans) {
			LeaderScheduledBeanPostProcessor processor = new LeaderScheduledBeanPostProcessor();
			for (Object bean : beans) {
				processor.postProcessAfterInitialization(bean, bean.getClass().getSimpleName());
			}
			FleetDatasets datasets = new FleetDatasets(this.faults.datasets(), this.elector, JsonMapper.shared(),
					this.lane, this::published, ManualFleet.this.time,
					new FleetDatasets.Settings(Duration.ofMinutes(30), 1 << 20));
			this.jobs = new FleetScheduler(processor, this.faults.jobs(), this.elector, datasets, ManualFleet.this.time,
					RETRY, ObservationRegistry.NOOP);
			this.jobs.addListener((job, outcome) -> this.outcomes.add(outcome));
			this.elector.addListener(this.jobs::leadershipChanged);
			this.elector.addListener(datasets::leadershipChanged);
			this.datasets = datasets;
			return this;
		}

		/**
		 * Starts this instance and runs what is due now.
		 * @return this instance
		 */
		public Node start() {
			if (this.datasets != null && this.jobs != null) {
				this.datasets.start();
				this.jobs.start();
			}
			this.elector.start();
			ManualFleet.this.time.runDue();
			return this;
		}

		public FleetDatasets datasets() {
			if (this.datasets == null) {
				throw new IllegalStateException("Call running(...) first");
			}
			return this.datasets;
		}

		public FleetScheduler jobs() {
			if (this.jobs == null) {
				throw new IllegalStateException("Call running(...) first");
			}
			return this.jobs;
		}

		public Jobs operations() {
			return jobs().operations();
		}

		/** The epochs of the leaderships this instance was granted, in order. */
		public List<Long> grantedEpochs() {
			return this.events.stream()
				.filter((recorded) -> recorded.event() instanceof LeadershipGrantedEvent)
				.map((recorded) -> ((LeadershipGrantedEvent) recorded.event()).getToken().epoch())
				.toList();
		}

		/** When this instance was last granted leadership, by the manual ticker. */
		public long grantedAt() {
			return this.events.stream()
				.filter((recorded) -> recorded.event() instanceof LeadershipGrantedEvent)
				.mapToLong(Recorded::nanos)
				.max()
				.orElseThrow(() -> new AssertionError("Never granted leadership"));
		}

		private void published(Object event) {
			this.events.add(new Recorded(ManualFleet.this.time.read(), event, Thread.holdsLock(this.elector)));
		}

	}

	/**
	 * An event as published.
	 *
	 * @param nanos when, by the manual ticker
	 * @param event the event
	 * @param underElectorLock whether the publishing thread held the elector's lock
	 */
	public record Recorded(long nanos, Object event, boolean underElectorLock) {
	}

}
