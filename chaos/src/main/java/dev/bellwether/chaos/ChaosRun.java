package dev.bellwether.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.bellwether.chaos.Fleet.Instance;
import dev.bellwether.test.RedisServer;
import io.lettuce.core.KeyValue;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

import static org.awaitility.Awaitility.await;

/**
 * One seeded chaos run: starts the fleet, plays rounds of overlapping faults chosen by
 * the seed while {@link Lookups} asks for customers' terms on demand, lets each round
 * settle (every fault healed, every instance ready, every instance holding what Redis
 * holds), then reads the upstream's calls and checks the whole history.
 */
final class ChaosRun {

	/**
	 * How long a round's instances get to hold what Redis holds before it counts as not
	 * converged.
	 */
	private static final Duration CONVERGENCE_WAIT = Duration.ofSeconds(30);

	/** The upstream's path of one customer's terms, before the customer. */
	private static final String CUSTOMER = "/terms/";

	private final Settings settings;

	private final History history = new History();

	private final Map<Fault.Kind, Integer> faultCounts = new EnumMap<>(Fault.Kind.class);

	ChaosRun(Settings settings) {
		this.settings = settings;
	}

	Report run() {
		long started = System.currentTimeMillis();
		System.out.println("[chaos] " + this.settings.topology().name().toLowerCase() + ": seed " + this.settings.seed()
				+ ", " + this.settings.rounds() + " rounds, " + this.settings.instances()
				+ " instances; replay with -Dchaos.seed=" + this.settings.seed());
		Random random = new Random(this.settings.seed());
		FileSystemUtils.deleteRecursively(this.settings.work().toFile());
		Path logs = this.settings.work().resolve("logs");
		ScheduledExecutorService timer = Executors.newScheduledThreadPool(4);
		try (Fleet fleet = new Fleet(this.settings.jar(), this.settings.topology(), this.settings.instances(), logs,
				this.history);
				Recorder recorder = new Recorder(fleet.dataPorts(), fleet.topology().broadcastsAnnouncements(),
						this.history);
				Observer observer = new Observer(fleet.instances(), this.history)) {
			fleet.awaitReady(Duration.ofMinutes(3));
			await().atMost(Duration.ofMinutes(1)).until(() -> {
				Target target = target(fleet);
				return target.keys().size() == Observer.DATASETS.size() && converged(fleet, observer, target);
			});
			try (Lookups lookups = new Lookups(fleet.instances(), this.settings.seed())) {
				for (int round = 1; round <= this.settings.rounds(); round++) {
					play(round, Fault.round(random, this.settings.instances(), Fleet.TTL, fleet.topology().faults()),
							fleet, observer, timer);
				}
			}
			readCalls(fleet);
		}
		finally {
			timer.shutdownNow();
		}
		this.history.write(this.settings.work().resolve("history.txt"));
		Checker checker = new Checker(this.history, this.settings.topology(),
				Map.of("rates", Fleet.RATES_INTERVAL.toMillis(), "terms", Fleet.TERMS_INTERVAL.toMillis()),
				Fleet.VERIFY_INTERVAL.toMillis(), Fleet.LOOKUP_TTL.toMillis());
		List<Finding> findings = checker.check();
		return new Report(this.settings, findings, this.faultCounts, this.history, checker.missedByCause(),
				Duration.ofMillis(System.currentTimeMillis() - started));
	}

	private void play(int round, List<Fault> faults, Fleet fleet, Observer observer, ScheduledExecutorService timer) {
		System.out.println(
				"[chaos] round " + round + ": " + String.join("; ", faults.stream().map(Fault::describe).toList()));
		FaultInjector injector = new FaultInjector(fleet);
		List<CompletableFuture<Void>> spans = new ArrayList<>();
		long start = System.currentTimeMillis();
		for (Fault fault : faults) {
			this.faultCounts.merge(fault.kind(), 1, Integer::sum);
			CompletableFuture<Void> span = new CompletableFuture<>();
			timer.schedule(() -> {
				long begin = System.currentTimeMillis();
				injector.begin(fault);
				timer.schedule(() -> {
					try {
						injector.end(fault);
						this.history.add(new History.FaultSpan(round, fault.describe(), fault.kind(), begin,
								System.currentTimeMillis()));
						span.complete(null);
					}
					catch (RuntimeException ex) {
						span.completeExceptionally(ex);
					}
				}, fault.duration().toMillis(), TimeUnit.MILLISECONDS);
			}, fault.start().toMillis(), TimeUnit.MILLISECONDS);
			spans.add(span);
		}
		CompletableFuture.allOf(spans.toArray(CompletableFuture[]::new)).join();
		long lastFault = System.currentTimeMillis();
		fleet.awaitReady(Duration.ofMinutes(2));
		long healed = System.currentTimeMillis();
		Target target = target(fleet);
		long converged = -1;
		try {
			await().atMost(CONVERGENCE_WAIT)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> converged(fleet, observer, target));
			converged = System.currentTimeMillis();
		}
		catch (ConditionTimeoutException ex) {
			System.out.println("[chaos] round " + round + " did not converge on " + target + ": " + observer.latest());
		}
		this.history.add(new History.Settling(round, healed, converged, lastFault));
		System.out.printf("[chaos] round %d healed %d ms after its faults, converged %s%n", round, healed - lastFault,
				(converged >= 0) ? (converged - healed) + " ms later" : "not at all");
		System.out.println("[chaos] round " + round + " took " + (System.currentTimeMillis() - start) + " ms");
	}

	/**
	 * What Redis holds now: the key of each dataset's publication (none for a dataset it
	 * lacks).
	 */
	private Target target(Fleet fleet) {
		Map<String, String> keys = new HashMap<>();
		Map<String, Target.Revision> revisions = new HashMap<>();
		RedisServer master = fleet.master();
		String store = master.commands().get("bellwether:{hedging}:store");
		for (String dataset : Observer.DATASETS) {
			List<KeyValue<String, String>> fields = master.commands()
				.hmget("bellwether:{hedging}:ds:" + dataset, "rev", "at");
			if (store != null && fields.stream().allMatch(KeyValue::hasValue)) {
				long revision = Long.parseLong(fields.get(0).getValue());
				keys.put(dataset, Checker.key(dataset, store, revision, Long.parseLong(fields.get(1).getValue())));
				revisions.put(dataset, new Target.Revision(store, revision));
			}
		}
		return new Target(keys, revisions, this.history.announcements().size());
	}

	/**
	 * Whether every instance holds the target, a publication Redis accepted after it, or
	 * one it accepted before with a newer revision of the same store: a publication that
	 * a failover lost after the instances took it, which they rightly keep (they never go
	 * back) until the next one. A publication is known by its key, so one that a failover
	 * lost does not pass for the one that later reused its revision.
	 */
	private boolean converged(Fleet fleet, Observer observer, Target target) {
		List<History.Announcement> announcements = this.history.announcements();
		Set<String> acceptedSince = announcements.subList(target.recordedBefore(), announcements.size())
			.stream()
			.filter(History.Announcement::isPublication)
			.map(History.Announcement::key)
			.collect(Collectors.toSet());
		Map<String, History.Announcement> accepted = announcements.stream()
			.filter(History.Announcement::isPublication)
			.collect(Collectors.toMap(History.Announcement::key, (announcement) -> announcement,
					(first, second) -> first));
		Map<String, Map<String, History.Observation>> latest = observer.latest();
		for (Instance instance : fleet.instances()) {
			for (Map.Entry<String, String> wanted : target.keys().entrySet()) {
				History.Observation held = latest.getOrDefault(instance.node, Map.of()).get(wanted.getKey());
				if (held == null || held.incarnation() != instance.incarnation
						|| !(held.key().equals(wanted.getValue()) || acceptedSince.contains(held.key())
								|| aheadOf(accepted.get(held.key()), target.revisions().get(wanted.getKey())))) {
					return false;
				}
			}
		}
		return true;
	}

	/** Whether an accepted publication is newer than what Redis holds of its dataset. */
	private static boolean aheadOf(History.Announcement publication, Target.Revision held) {
		return publication != null && held != null && publication.store().equals(held.store())
				&& publication.revision() > held.revision();
	}

	private void readCalls(Fleet fleet) {
		try {
			JsonNode calls = JsonMapper.shared()
				.readTree(fleet.upstream().send("GET", "/calls", null, Duration.ofSeconds(10)).body());
			for (JsonNode call : calls) {
				String path = call.path("path").asString();
				if (path.startsWith(CUSTOMER)) {
					this.history.add(new History.Load(call.path("at").asLong(), call.path("answeredAt").asLong(),
							path.substring(CUSTOMER.length()), call.path("node").asString(""),
							call.path("status").asInt()));
				}
				else {
					this.history.add(new History.Call(call.path("at").asLong(), path.substring(1),
							call.path("node").asString(""), call.path("epoch").asLong(0), call.path("status").asInt()));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read the upstream's calls", ex);
		}
	}

	/**
	 * What Redis held when a round healed.
	 *
	 * @param keys the key of each dataset's publication
	 * @param recordedBefore how many announcements had been recorded then
	 */
	private record Target(Map<String, String> keys, Map<String, Revision> revisions, int recordedBefore) {

		/** What Redis holds of one dataset. */
		record Revision(String store, long revision) {
		}

	}

	/**
	 * What a run plays.
	 *
	 * @param jar the hedging sample's jar
	 * @param topology the Redis it runs against
	 * @param instances how many instances the fleet has
	 * @param rounds how many rounds of faults
	 * @param seed the seed that chooses the faults
	 * @param work where logs and the history go
	 */
	record Settings(Path jar, Fleet.Topology topology, int instances, int rounds, long seed, Path work) {
	}

}
