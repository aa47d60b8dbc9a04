package dev.bellwether.fleet;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.bellwether.actuate.BellwetherEndpoint;
import dev.bellwether.actuate.BellwetherHealthIndicator;
import dev.bellwether.actuate.BellwetherMeters;
import dev.bellwether.schedule.Jobs;
import dev.bellwether.test.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Running a job now and pausing it through the endpoint of any instance, on an in-JVM
 * fleet against a real redis-server.
 */
class JobOperationsTests {

	private static final ParameterizedTypeReference<Map<String, BigDecimal>> RATES = new ParameterizedTypeReference<>() {
	};

	private final RedisServer redis = RedisServer.start();

	private final Upstream upstream = new Upstream();

	private final Fleet fleet = new Fleet(this.redis, Upstream.RatesJob.class).share("upstream", this.upstream)
		.with("bellwether.health.max-staleness=2s", "management.endpoints.web.exposure.include=health,bellwether");

	@AfterEach
	void close() {
		this.fleet.close();
		this.redis.close();
	}

	@Test
	void runRequestedOnAFollowerRunsOnceOnTheLeaderAndPublishesToEveryInstance() {
		this.fleet.with("test.rate=1h").start(3);
		FleetNode leader = this.fleet.awaitLeader();
		await().until(() -> everyoneHoldsRevision(1));
		FleetNode follower = this.fleet.followersOf(leader).get(0);
		WebEndpointResponse<Map<String, Object>> response = endpoint(follower).operate("rates", "run");
		assertThat(response.getStatus()).isEqualTo(202);
		assertThat(response.getBody()).containsEntry("job", "rates").containsKey("requestedAt");
		await().until(() -> everyoneHoldsRevision(2));
		assertThat(this.upstream.callCount()).isEqualTo(2);
		assertThat(job(follower)).containsEntry("node", leader.nodeId()).doesNotContainKey("runRequested");
		assertThat(leader.bean(MeterRegistry.class)
			.get(BellwetherMeters.JOB_RUNS)
			.tags("job", "rates", "outcome", "success")
			.counter()
			.count()).isEqualTo(2);
	}

	@Test
	void pauseOnOneInstanceShowsEverywhereKeepsHealthUpAndBindsTheNextLeader() {
		this.fleet.with("test.rate=1s").start(2);
		FleetNode leader = this.fleet.awaitLeader();
		await().until(() -> everyoneHoldsRevision(1));
		FleetNode follower = this.fleet.followersOf(leader).get(0);
		assertThat(endpoint(follower).operate("rates", "pause").getStatus()).isEqualTo(200);
		await().untilAsserted(() -> this.fleet.nodes().forEach((node) -> {
			assertThat(node.bean(Jobs.class).isPaused("rates")).isTrue();
			assertThat(
					node.bean(MeterRegistry.class).get(BellwetherMeters.JOB_PAUSED).tag("job", "rates").gauge().value())
				.isEqualTo(1);
			assertThat(health(node).getDetails()).containsEntry("pausedJobs", List.of("rates"));
		}));
		assertThat(job(leader)).containsEntry("paused", true);
		int calls = this.upstream.callCount();
		// older than max-staleness, but paused: the dataset is not stale
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.until(() -> health(follower).getStatus() == Status.UP && this.upstream.callCount() == calls);
		assertThat(leader.leadership().stepDown()).isTrue();
		await().until(() -> this.fleet.leaders().equals(List.of(follower)));
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(4))
			.until(() -> this.upstream.callCount() == calls);
		endpoint(leader).operate("rates", "resume");
		await().until(() -> this.upstream.callCount() > calls);
		assertThat(this.fleet.nodes())
			.allSatisfy((node) -> assertThat(node.bean(Jobs.class).isPaused("rates")).isFalse());
	}

	@Test
	void unknownJobIsNotFoundAndUnknownActionIsABadRequest() {
		this.fleet.with("test.rate=1h").start(1);
		WebEndpointResponse<Map<String, Object>> missing = endpoint(this.fleet.awaitLeader()).operate("ratse", "run");
		assertThat(missing.getStatus()).isEqualTo(404);
		assertThat(missing.getContentType()).hasToString("application/problem+json");
		assertThat(missing.getBody()).containsEntry("status", 404)
			.containsEntry("title", "Not Found")
			.containsEntry("detail", "No @LeaderScheduled job is named 'ratse'");
		assertThat(endpoint(this.fleet.nodes().get(0)).operate("rates", "stop").getStatus()).isEqualTo(400);
	}

	private boolean everyoneHoldsRevision(long revision) {
		return this.fleet.nodes()
			.stream()
			.allMatch((node) -> node.datasets().get("rates", RATES).revision() == revision);
	}

	private static BellwetherEndpoint endpoint(FleetNode node) {
		return node.bean(BellwetherEndpoint.class);
	}

	private static Health health(FleetNode node) {
		return node.bean(BellwetherHealthIndicator.class).health(true);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> job(FleetNode node) {
		return ((List<Map<String, Object>>) endpoint(node).report().get("jobs")).get(0);
	}

}
