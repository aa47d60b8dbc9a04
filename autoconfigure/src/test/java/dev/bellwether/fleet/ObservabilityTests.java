package dev.bellwether.fleet;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.bellwether.actuate.BellwetherEndpoint;
import dev.bellwether.actuate.BellwetherHealthIndicator;
import dev.bellwether.actuate.BellwetherMeters;
import dev.bellwether.data.FleetCache;
import dev.bellwether.data.FleetCaches;
import dev.bellwether.test.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health, readiness, the fleet endpoint and the meters on an in-JVM fleet against a real
 * redis-server.
 */
class ObservabilityTests {

	private static final ParameterizedTypeReference<Map<String, BigDecimal>> RATES = new ParameterizedTypeReference<>() {
	};

	private final RedisServer redis = RedisServer.start();

	private final Upstream upstream = new Upstream();

	private final List<Observation.Context> observed = new CopyOnWriteArrayList<>();

	private final Fleet fleet = new Fleet(this.redis, Upstream.RatesJob.class, Tracing.class)
		.share("upstream", this.upstream)
		.share("observed", this.observed)
		.with("management.endpoints.web.exposure.include=health,bellwether");

	@AfterEach
	void close() {
		this.fleet.close();
		this.redis.close();
	}

	@Test
	void healthShowsTheLeaderAndFreshDataOnEveryInstance() {
		this.fleet.with("test.rate=1h").start(3);
		FleetNode leader = this.fleet.awaitLeader();
		awaitEveryoneHoldsRates();
		for (FleetNode node : this.fleet.nodes()) {
			Health health = health(node);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("role", (node == leader) ? "LEADER" : "FOLLOWER")
				.containsEntry("nodeId", node.nodeId())
				.containsEntry("leaderId", leader.nodeId())
				.containsEntry("epoch", leader.leadership().epoch())
				.containsEntry("redis", "UP");
			assertThat(dataset(health, "rates")).containsEntry("revision", 1L)
				.containsEntry("fresh", true)
				.containsKeys("store", "updatedAt", "ageSeconds");
		}
	}

	@Test
	void healthStaysUpWhileRedisIsBrieflyAwayAndTheDataIsFresh() {
		this.fleet.with("test.rate=1h").start(2);
		FleetNode leader = this.fleet.awaitLeader();
		awaitEveryoneHoldsRates();
		FleetNode follower = this.fleet.followersOf(leader).get(0);
		this.redis.pause();
		try {
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(health(follower).getDetails()).containsEntry("redis", "DOWN"));
			assertThat(health(follower).getStatus()).isEqualTo(Status.UP);
			assertThat(follower.datasets().get("rates", RATES).current()).isPresent();
		}
		finally {
			this.redis.resume();
		}
	}

	@Test
	void aStaleDatasetTurnsHealthDown() {
		this.fleet.with("test.rate=1h", "bellwether.health.max-staleness=1s").start(2);
		this.fleet.awaitLeader();
		awaitEveryoneHoldsRates();
		await().untilAsserted(() -> this.fleet.nodes().forEach((node) -> {
			Health health = health(node);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(dataset(health, "rates")).containsEntry("fresh", false);
		}));
	}

	@Test
	void aFleetStartedAgainstAnEmptyRedisBecomesReadyAndLivenessIgnoresRedis() {
		this.fleet.with("test.rate=1h", "test.initial-delay=1h").start(3);
		await().untilAsserted(
				() -> this.fleet.nodes().forEach((node) -> assertThat(probe(node, "readiness")).isEqualTo(Status.UP)));
		this.redis.kill();
		this.fleet.nodes().forEach((node) -> {
			assertThat(probe(node, "liveness")).isEqualTo(Status.UP);
			assertThat(probe(node, "readiness")).isEqualTo(Status.UP);
		});
	}

	@Test
	void anInstanceWaitsForADatasetThatRedisHoldsBeforeTakingTraffic() {
		this.fleet.with("test.rate=1h", "test.initial-delay=1h").start(1);
		FleetNode leader = this.fleet.awaitLeader();
		this.redis.commands()
			.hset("bellwether:{fleet}:ds:rates", Map.of("rev", "1", "epoch", "1", "at", "1", "payload", "\"garbage\""));
		this.redis.commands().set("bellwether:{fleet}:store", "1-a");
		FleetNode late = this.fleet.add();
		assertThat(probe(late, "readiness")).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(probe(late, "liveness")).isEqualTo(Status.UP);
		Health health = health(late);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(dataset(health, "rates")).containsEntry("fresh", false).containsEntry("revision", 0L);
		assertThat(late.bean(HealthEndpoint.class).health().getStatus()).as("the main health, without readiness")
			.isEqualTo(Status.DOWN);
		leader.datasets().get("rates", RATES).publish(Map.of("EURUSD", BigDecimal.ONE));
		await().untilAsserted(() -> assertThat(probe(late, "readiness")).isEqualTo(Status.UP));
		assertThat(health(late).getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void aFollowerThatIsLoadingLeavesTheMainHealthAlone() {
		this.fleet.with("test.rate=1h", "test.initial-delay=1h").start(1);
		this.fleet.awaitLeader();
		this.redis.commands()
			.hset("bellwether:{fleet}:ds:other", Map.of("rev", "1", "epoch", "1", "at", "1", "payload", "1"));
		FleetNode late = this.fleet.add();
		assertThat(late.bean(HealthEndpoint.class).health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theEndpointShowsJobsAndTheWholeFleetWithWhoLags() {
		this.fleet.with("test.rate=1h").start(3);
		FleetNode leader = this.fleet.awaitLeader();
		awaitEveryoneHoldsRates();
		FleetNode lagging = this.fleet.followersOf(leader).get(0);
		FleetNode asked = this.fleet.followersOf(leader).get(1);
		await().untilAsserted(() -> assertThat(fleetReport(asked)).hasSize(3)
			.allSatisfy((member) -> assertThat(member.get("revisions")).isEqualTo(Map.of("rates", 1L))));
		lagging.proxy().cut();
		leader.datasets().get("rates", RATES).publish(Map.of("EURUSD", BigDecimal.TEN));
		await().untilAsserted(() -> assertThat(fleetReport(asked))
			.anySatisfy((member) -> assertThat(member).containsEntry("nodeId", lagging.nodeId())
				.containsEntry("revisions", Map.of("rates", 1L)))
			.anySatisfy((member) -> assertThat(member).containsEntry("nodeId", leader.nodeId())
				.containsEntry("role", "LEADER")
				.containsEntry("revisions", Map.of("rates", 2L))));
		List<Map<String, Object>> jobs = (List<Map<String, Object>>) asked.bean(BellwetherEndpoint.class)
			.report()
			.get("jobs");
		assertThat(jobs).singleElement()
			.satisfies((job) -> assertThat(job).containsEntry("name", "rates")
				.containsEntry("outcome", "SUCCESS")
				.containsEntry("node", leader.nodeId())
				.containsKeys("lastStart", "lastSuccess", "nextRun"));
		lagging.proxy().heal();
	}

	@Test
	void stepdownThroughTheEndpointHandsLeadershipOver() {
		this.fleet.with("test.rate=1h").start(2);
		FleetNode leader = this.fleet.awaitLeader();
		assertThat(leader.bean(BellwetherEndpoint.class).operate("stepdown")).containsEntry("steppedDown", true);
		await().until(() -> this.fleet.leaders().size() == 1 && !this.fleet.leaders().contains(leader));
	}

	@Test
	void metersFollowLeadershipJobsAndSync() {
		this.fleet.with("test.rate=1h").start(2);
		FleetNode leader = this.fleet.awaitLeader();
		awaitEveryoneHoldsRates();
		FleetNode follower = this.fleet.followersOf(leader).get(0);
		leader.datasets().get("rates", RATES).publish(Map.of("EURUSD", BigDecimal.TEN));
		await().until(() -> follower.datasets().get("rates", RATES).revision() == 2);
		MeterRegistry leaderMeters = leader.bean(MeterRegistry.class);
		MeterRegistry followerMeters = follower.bean(MeterRegistry.class);
		assertThat(leaderMeters.get(BellwetherMeters.LEADER).gauge().value()).isEqualTo(1);
		assertThat(followerMeters.get(BellwetherMeters.LEADER).gauge().value()).isZero();
		assertThat(leaderMeters.get(BellwetherMeters.LEADERSHIP_CHANGES).counter().count()).isGreaterThanOrEqualTo(1);
		await().untilAsserted(() -> assertThat(leaderMeters.get(BellwetherMeters.JOB_RUNS)
			.tags("job", "rates", "outcome", "success")
			.counter()
			.count()).isEqualTo(1));
		assertThat(leaderMeters.get(BellwetherMeters.JOB_DURATION).tag("job", "rates").timer().count()).isEqualTo(1);
		assertThat(this.observed).singleElement()
			.satisfies((context) -> assertThat(context.getContextualName()).isEqualTo("bellwether job rates"));
		FleetCache<String, String> notes = follower.bean(FleetCaches.class)
			.get("notes", String.class, String.class, 10);
		assertThat(notes.get("missing")).isEmpty();
		assertThat(followerMeters.get("cache.gets").tags("cache", "notes", "result", "miss").functionCounter().count())
			.isEqualTo(1);
		assertThat(followerMeters.get(BellwetherMeters.DATASET_REVISION).tag("dataset", "rates").gauge().value())
			.isEqualTo(2);
		assertThat(followerMeters.get(BellwetherMeters.DATASET_AGE).tag("dataset", "rates").timeGauge().value())
			.isGreaterThanOrEqualTo(0);
		assertThat(followerMeters.get(BellwetherMeters.SYNC_LATENCY).tag("dataset", "rates").timer().count())
			.isGreaterThanOrEqualTo(1);
		assertThat(
				followerMeters.get(BellwetherMeters.SYNC_MESSAGES).tag("outcome", "applied").functionCounter().count())
			.isGreaterThanOrEqualTo(1);
	}

	/** Stands in for a tracer: records every finished observation of a job run. */
	@Configuration(proxyBeanMethods = false)
	static class Tracing {

		@Bean
		ObservationHandler<Observation.Context> recorder(List<Observation.Context> observed) {
			return new ObservationHandler<>() {

				@Override
				public boolean supportsContext(Observation.Context context) {
					return "bellwether.job.duration".equals(context.getName());
				}

				@Override
				public void onStop(Observation.Context context) {
					observed.add(context);
				}

			};
		}

	}

	private void awaitEveryoneHoldsRates() {
		await().until(() -> this.fleet.nodes()
			.stream()
			.allMatch((node) -> node.datasets().get("rates", RATES).current().isPresent()));
	}

	private static Status probe(FleetNode node, String group) {
		return node.bean(HealthEndpoint.class).healthForPath(group).getStatus();
	}

	private static Health health(FleetNode node) {
		return node.bean(BellwetherHealthIndicator.class).health(true);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> dataset(Health health, String name) {
		return ((Map<String, Map<String, Object>>) health.getDetails().get("datasets")).get(name);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> fleetReport(FleetNode node) {
		return (List<Map<String, Object>>) node.bean(BellwetherEndpoint.class).report().get("fleet");
	}

}
