package dev.bellwether.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.bellwether.actuate.BellwetherHealthIndicator;
import dev.bellwether.data.FleetCache;
import dev.bellwether.data.FleetCaches;
import dev.bellwether.data.FleetMembership;
import dev.bellwether.schedule.FleetScheduler;
import dev.bellwether.schedule.JobOutcome;
import dev.bellwether.test.AclUser;
import dev.bellwether.test.RedisExecutable;
import dev.bellwether.test.RedisServer;
import dev.bellwether.test.RedisServerOptions;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A fleet whose Redis user has only the ACL that {@code docs/production-redis.md} gives
 * (which {@code RedisAclTests} holds to the backend's own list), and what an instance
 * says when the ACL or the password is wrong.
 */
@ExtendWith(OutputCaptureExtension.class)
class AclFleetTests {

	private static final ParameterizedTypeReference<Map<String, BigDecimal>> RATES = new ParameterizedTypeReference<>() {
	};

	private static final String PASSWORD = "acl-secret";

	/** The commands of the docs' {@code ACL SETUSER} line, as a user copies them. */
	private static final List<String> DOCUMENTED = documentedCommands();

	private final Upstream upstream = new Upstream();

	private RedisServer redis;

	private Fleet fleet;

	@AfterEach
	void close() {
		if (this.fleet != null) {
			this.fleet.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void fleetRunsUnderTheLeastPrivilegeUserAndUsesEveryCommandItIsGranted() {
		start(DOCUMENTED, "spring.data.redis.username=bellwether", "spring.data.redis.password=" + PASSWORD);
		this.redis.commands().configResetstat();
		this.fleet.start(2);
		FleetNode leader = this.fleet.awaitLeader();
		FleetNode follower = this.fleet.followersOf(leader).get(0);
		await().untilAsserted(() -> assertThat(follower.datasets().get("rates", RATES).revision()).isGreaterThan(1));
		FleetCache<String, String> quotes = quotes(leader);
		FleetCache<String, String> followerQuotes = quotes(follower);
		assertThat(quotes.put("EURUSD", "1.08")).isTrue();
		assertThat(followerQuotes.get("EURUSD")).contains("1.08");
		quotes.put("EURUSD", "1.09");
		await().untilAsserted(() -> assertThat(followerQuotes.get("EURUSD")).contains("1.09"));
		quotes.remove("EURUSD");
		await().untilAsserted(() -> assertThat(follower.bean(FleetMembership.class).members()).hasSize(2));
		assertThat(follower.bean(BellwetherHealthIndicator.class).details()).containsEntry("redis", "UP");
		leader.leadership().stepDown();
		await().until(() -> follower.leadership().isLeader());
		assertThat(leader.bean(FleetScheduler.class).jobs().get(0).runs()).containsEntry(JobOutcome.FAILURE, 0L);
		this.fleet.close();
		// Lettuce's handshake tries CLIENT SETINFO, and goes on without it when refused
		assertThat(this.redis.commands().aclLog()).as("commands Redis refused")
			.filteredOn((entry) -> !"client".equals(entry.get("object")))
			.isEmpty();
		assertThat(commandsCalled()).as("commands called").containsAll(DOCUMENTED);
	}

	@Test
	void aCommandMissingFromTheAclStopsStartUpWithAReportNamingTheRuleToAdd(CapturedOutput output) {
		start(without("hset"), "spring.data.redis.username=bellwether", "spring.data.redis.password=" + PASSWORD);
		assertThatException().isThrownBy(this.fleet::add);
		assertThat(output).contains("APPLICATION FAILED TO START").contains("add the rule +hset to it");
	}

	@Test
	void aPublicationTheAclRefusesIsAFailedRunWhoseReasonNamesTheRuleToAddAndLeavesNothingHalfWritten(
			CapturedOutput output) {
		FleetScheduler scheduler = startOneAndTakeAway("persist");
		await().untilAsserted(() -> assertThat(scheduler.jobs().get(0).runs().get(JobOutcome.FAILURE)).isPositive());
		String revision = this.redis.commands().hget("bellwether:{fleet}:ds:rates", "rev");
		await().untilAsserted(
				() -> assertThat(scheduler.jobs().get(0).runs().get(JobOutcome.FAILURE)).isGreaterThanOrEqualTo(3));
		assertThat(this.redis.commands().hget("bellwether:{fleet}:job:rates", "lastError"))
			.contains("Redis refused the command 'persist'", "add the rule +persist");
		assertThat(scheduler.jobs().get(0).lastError()).contains("add the rule +persist");
		assertThat(output).contains("Job 'rates' could not publish its result")
			.contains("add the rule +persist to it (ACL SETUSER <user> +persist)");
		assumeThat(RedisExecutable.version()).as("Redis 6 cannot check a script's commands before it writes")
			.doesNotContain("v=6.");
		assertThat(this.redis.commands().hget("bellwether:{fleet}:ds:rates", "rev"))
			.as("the revision in Redis after refused publications")
			.isEqualTo(revision);
	}

	@Test
	void aRunWhoseStartTheAclRefusesIsAFailedRunWithItsReason() {
		FleetScheduler scheduler = startOneAndTakeAway("hset");
		await().untilAsserted(
				() -> assertThat(scheduler.jobs().get(0).runs().get(JobOutcome.FAILURE)).isGreaterThanOrEqualTo(2));
		assertThat(scheduler.jobs().get(0).lastOutcome()).isEqualTo(JobOutcome.FAILURE);
		assertThat(scheduler.jobs().get(0).lastError()).contains("Did not run", "add the rule +hset");
	}

	@Test
	void anElectionTheAclRefusesLeavesNoLeaderBehind() {
		assumeThat(RedisExecutable.version()).as("Redis 6 cannot check a script's commands before it writes")
			.doesNotContain("v=6.");
		startOneAndTakeAway("publish");
		FleetNode node = this.fleet.nodes().get(0);
		node.leadership().stepDown();
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(4))
			.until(() -> !node.leadership().isLeader()
					&& this.redis.commands().get("bellwether:{fleet}:leader") == null);
	}

	/**
	 * Starts one instance under the least-privilege user, lets it run the job, then takes
	 * a command away from the user, as an operator editing the ACL would.
	 */
	private FleetScheduler startOneAndTakeAway(String command) {
		start(DOCUMENTED, "spring.data.redis.username=bellwether", "spring.data.redis.password=" + PASSWORD);
		this.fleet.start(1);
		FleetScheduler scheduler = this.fleet.awaitLeader().bean(FleetScheduler.class);
		await().untilAsserted(() -> assertThat(scheduler.jobs().get(0).runs().get(JobOutcome.SUCCESS)).isPositive());
		this.redis.commands()
			.aclSetuser("bellwether", AclSetuserArgs.Builder.removeCommand(CommandType.valueOf(command.toUpperCase())));
		return scheduler;
	}

	private static List<String> without(String command) {
		return DOCUMENTED.stream().filter((granted) -> !granted.equals(command)).toList();
	}

	@Test
	void aWrongPasswordStopsStartUpWithAReportNamingTheProperties(CapturedOutput output) {
		start(DOCUMENTED, "spring.data.redis.username=bellwether", "spring.data.redis.password=wrong");
		assertThatException().isThrownBy(this.fleet::add);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Redis refused access: WRONGPASS")
			.contains("Redis refused the username or password: check spring.data.redis.username and "
					+ "spring.data.redis.password");
	}

	@Test
	void aRefusedSubscriptionStopsStartUpWithAReportNamingTheRuleToAdd(CapturedOutput output) {
		start(without("subscribe"), "spring.data.redis.username=bellwether", "spring.data.redis.password=" + PASSWORD);
		assertThatException().isThrownBy(this.fleet::add);
		assertThat(output).contains("APPLICATION FAILED TO START").contains("add the rule +subscribe to it");
	}

	private void start(List<String> commands, String... properties) {
		this.redis = RedisServer.start(RedisServerOptions.defaults().withUsers(AclUser.bellwether(PASSWORD, commands)));
		this.fleet = new Fleet(this.redis, Upstream.RatesJob.class).share("upstream", this.upstream)
			.with("test.rate=300ms")
			.with(properties);
	}

	private Set<String> commandsCalled() {
		Set<String> called = new TreeSet<>();
		this.redis.commands()
			.info("commandstats")
			.lines()
			.filter((line) -> line.startsWith("cmdstat_"))
			.forEach((line) -> {
				if (!line.contains(":calls=0,")) {
					called.add(line.substring("cmdstat_".length(), line.indexOf(':')));
				}
			});
		return called;
	}

	private static FleetCache<String, String> quotes(FleetNode node) {
		return node.bean(FleetCaches.class).get("quotes", String.class, String.class, 10);
	}

	private static List<String> documentedCommands() {
		try {
			String line = Files.readAllLines(Path.of("..", "docs", "production-redis.md"))
				.stream()
				.filter((candidate) -> candidate.startsWith("ACL SETUSER bellwether "))
				.findFirst()
				.orElseThrow();
			return Arrays.stream(line.split(" "))
				.filter((word) -> word.startsWith("+"))
				.map((word) -> word.substring(1))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
