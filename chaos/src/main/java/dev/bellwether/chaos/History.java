package dev.bellwether.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

/**
 * What happened during a run, as the processes outside the fleet saw it: the upstream's
 * calls (of the datasets, and the loads of single customers' terms), Redis' announcements
 * of grants, releases and accepted publications (in the order Redis ran them), every
 * instance's held revisions as polled, and the faults. Times are epoch milliseconds of
 * this machine's clock, which every process shares. Thread-safe.
 */
final class History {

	private final List<Call> calls = new ArrayList<>();

	private final List<Load> loads = new ArrayList<>();

	private final List<Announcement> announcements = new ArrayList<>();

	private final List<Observation> observations = new ArrayList<>();

	private final List<FaultSpan> faults = new ArrayList<>();

	private final List<Settling> settlings = new ArrayList<>();

	private final List<MasterSwitch> switches = new ArrayList<>();

	private final List<Relaunch> relaunches = new ArrayList<>();

	private final List<RedisView> redisViews = new ArrayList<>();

	private final List<StoreFailure> storeFailures = new ArrayList<>();

	synchronized void add(Call call) {
		this.calls.add(call);
	}

	synchronized void add(Load load) {
		this.loads.add(load);
	}

	synchronized void add(Announcement announcement) {
		this.announcements.add(announcement);
	}

	synchronized void add(Observation observation) {
		this.observations.add(observation);
	}

	synchronized void add(FaultSpan fault) {
		this.faults.add(fault);
	}

	synchronized void add(Settling settling) {
		this.settlings.add(settling);
	}

	synchronized void add(Relaunch relaunch) {
		this.relaunches.add(relaunch);
	}

	synchronized List<Relaunch> relaunches() {
		return List.copyOf(this.relaunches);
	}

	synchronized void add(MasterSwitch masterSwitch) {
		this.switches.add(masterSwitch);
	}

	synchronized void add(RedisView view) {
		this.redisViews.add(view);
	}

	synchronized List<RedisView> redisViews() {
		return List.copyOf(this.redisViews);
	}

	synchronized void add(StoreFailure failure) {
		this.storeFailures.add(failure);
	}

	synchronized List<StoreFailure> storeFailures() {
		return List.copyOf(this.storeFailures);
	}

	synchronized List<Call> calls() {
		return List.copyOf(this.calls);
	}

	synchronized List<Load> loads() {
		return List.copyOf(this.loads);
	}

	synchronized List<Announcement> announcements() {
		return List.copyOf(this.announcements);
	}

	synchronized List<Observation> observations() {
		return List.copyOf(this.observations);
	}

	synchronized List<FaultSpan> faults() {
		return List.copyOf(this.faults);
	}

	synchronized List<Settling> settlings() {
		return List.copyOf(this.settlings);
	}

	synchronized List<MasterSwitch> switches() {
		return List.copyOf(this.switches);
	}

	/**
	 * Writes every event, one JSON object per line, for a look after the run.
	 * @param file where to write
	 */
	synchronized void write(Path file) {
		JsonMapper json = JsonMapper.shared();
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			try (Writer out = Files.newBufferedWriter(file)) {
				for (List<?> events : List.of(this.faults, this.settlings, this.switches, this.relaunches,
						this.announcements, this.calls, this.loads, this.redisViews, this.storeFailures,
						this.observations)) {
					for (Object event : events) {
						out.write(event.getClass().getSimpleName() + " " + json.writeValueAsString(event) + "\n");
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A call the upstream served.
	 *
	 * @param at when it arrived
	 * @param dataset {@code rates} or {@code terms}
	 * @param node the caller's node id
	 * @param epoch the caller's epoch
	 * @param status the HTTP status it was answered with
	 */
	record Call(long at, String dataset, String node, long epoch, int status) {

		boolean succeeded() {
			return this.status == 200;
		}

	}

	/**
	 * Whether an instance reached Redis, as its health said ({@code redis} UP or DOWN:
	 * whether its last call to Redis was answered), recorded when it changed.
	 *
	 * @param at when it was polled
	 * @param node the instance's node id
	 * @param reached whether its last call was answered
	 */
	record RedisView(long at, String node, boolean reached) {
	}

	/**
	 * Calls of an instance's on-demand cache to Redis that failed or timed out, seen when
	 * its {@code bellwether.cache.store.failures} grew.
	 *
	 * @param at when it was polled
	 * @param node the instance's node id
	 * @param count the count, since the instance started
	 */
	record StoreFailure(long at, String node, long count) {
	}

	/**
	 * A load of one customer's terms the upstream served: what {@code @Cacheable} called.
	 *
	 * @param at when it arrived
	 * @param answeredAt when it was answered
	 * @param key the customer
	 * @param node the caller's node id
	 * @param status the HTTP status it was answered with
	 */
	record Load(long at, long answeredAt, String key, String node, int status) {

		boolean succeeded() {
			return this.status == 200;
		}

	}

	/**
	 * An announcement Redis published from one of the library's scripts: a grant
	 * ({@code elected}), a {@code released} leadership, or an accepted publication.
	 *
	 * @param at when it was received (for a publication: Redis' time of the write)
	 * @param type {@code elected}, {@code released} or {@code dataset}
	 * @param token the leader's token, for grants and releases
	 * @param epoch the epoch of the token that wrote it
	 * @param dataset the dataset published, else empty
	 * @param store the store generation it was written to, else empty
	 * @param revision the revision published, else 0
	 * @param ranOn on a Cluster, the port of the node that ran the script (as its
	 * {@code MONITOR} told, filled when it does); elsewhere empty
	 * @param sources the ports of the redis-servers it was heard from (a master, and the
	 * replicas that pass its {@code PUBLISH} on; on a Cluster, every node); filled as
	 * copies arrive
	 */
	record Announcement(long at, String type, String token, long epoch, String dataset, String store, long revision,
			Set<Integer> ranOn, Set<Integer> sources) {

		boolean isPublication() {
			return this.type.equals("dataset");
		}

		String key() {
			return Checker.key(this.dataset, this.store, this.revision, this.at);
		}

	}

	/**
	 * What one incarnation of an instance held when polled, recorded when it changed.
	 *
	 * @param at when it was polled
	 * @param node the instance's node id
	 * @param incarnation which start of that instance, from 1
	 * @param dataset the dataset
	 * @param store the store generation of the revision held, empty for none
	 * @param revision the revision held, 0 for none
	 * @param updatedAt when Redis accepted it (its {@code at}), 0 for none
	 */
	record Observation(long at, String node, int incarnation, String dataset, String store, long revision,
			long updatedAt) {

		String key() {
			return Checker.key(this.dataset, this.store, this.revision, this.updatedAt);
		}

		boolean holdsData() {
			return this.revision > 0;
		}

	}

	/**
	 * A fault as it was applied.
	 *
	 * @param round the round, from 1
	 * @param description what it was
	 * @param kind its kind
	 * @param begin when it began
	 * @param end when it was healed
	 */
	record FaultSpan(int round, String description, Fault.Kind kind, long begin, long end) {

		boolean overlaps(long from, long to) {
			return this.begin <= to && this.end >= from;
		}

	}

	/**
	 * An instance that was not ready {@link Fleet#STUCK} after it started, so its threads
	 * were dumped to its log and it was killed and started again.
	 *
	 * @param at when
	 * @param node which
	 */
	record Relaunch(long at, String node) {
	}

	/**
	 * The moment the master was seen to change (or the first master): the one the
	 * Sentinels name, or on a Cluster the one that serves the group's slot.
	 *
	 * @param at when it was seen, within 50 ms of the change
	 * @param port the new master's port
	 */
	record MasterSwitch(long at, int port) {
	}

	/**
	 * How a round settled: when its last fault healed and every instance was ready, and
	 * when every instance first held what Redis held at that moment.
	 *
	 * @param round the round, from 1
	 * @param healedAt when the last fault healed and every instance was ready again
	 * @param convergedAt when every instance held the newest accepted revisions, or -1 if
	 * they did not within the wait
	 * @param lastFaultAt when the round's last fault healed
	 */
	record Settling(int round, long healedAt, long convergedAt, long lastFaultAt) {

		long convergenceMillis() {
			return (this.convergedAt >= 0) ? this.convergedAt - this.healedAt : -1;
		}

	}

}
