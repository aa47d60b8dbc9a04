package dev.bellwether.fleet;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.bellwether.actuate.BellwetherHealthIndicator;
import dev.bellwether.data.FleetCache;
import dev.bellwether.data.FleetCaches;
import dev.bellwether.data.FleetMembership;
import dev.bellwether.redis.RedisAcl;
import dev.bellwether.schedule.FleetScheduler;
import dev.bellwether.schedule.JobOutcome;
import dev.bellwether.test.AclUser;
import dev.bellwether.test.RedisServer;
import dev.bellwether.test.RedisServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * A fleet whose Redis user has only the ACL {@link RedisAcl} documents, and what an
 * instance says when the ACL or the password is wrong.
 */
@ExtendWith(OutputCaptureExtension.class)
class AclFleetTests {

	private static final ParameterizedTypeReference<Map<String, BigDecimal>> RATES = new ParameterizedTypeReference<>() {
	};

	private static final String PASSWORD = "acl-secret";

	private final Upstream upstream = new Upstream();

	private RedisServer redis;

	private Fleet fleet;

	@AfterEach
	void close() {
		this.fleet.close();
		this.redis.close();
	}

	@Test
	void fleetRunsUnderTheLeastPrivilegeUserAndUsesEveryCommandItIsGranted() {
		start(RedisAcl.COMMANDS, "spring.data.redis.username=bellwether", "spring.data.redis.password=" + PASSWORD);
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
		assertThat(this.redis.commands().aclLog()).as("commands Redis refused").isEmpty();
		assertThat(commandsCalled()).as("commands called").containsAll(RedisAcl.COMMANDS);
	}

	@Test
	void aPublicationTheAclRefusesIsAFailedRunWhoseReasonNamesTheRuleToAdd(CapturedOutput output) {
		List<String> withoutPersist = RedisAcl.COMMANDS.stream()
			.filter((command) -> !command.equals("persist"))
			.toList();
		start(withoutPersist, "spring.data.redis.username=bellwether", "spring.data.redis.password=" + PASSWORD);
		this.fleet.start(1);
		FleetNode leader = this.fleet.awaitLeader();
		FleetScheduler scheduler = leader.bean(FleetScheduler.class);
		await().untilAsserted(
				() -> assertThat(scheduler.jobs().get(0).runs().get(JobOutcome.FAILURE)).isGreaterThanOrEqualTo(2));
		assertThat(scheduler.jobs().get(0).runs()).containsEntry(JobOutcome.SUCCESS, 0L);
		assertThat(this.redis.commands().hget("bellwether:{fleet}:job:rates", "lastError"))
			.contains("Redis refused the command 'persist'", "add the rule +persist");
		assertThat(output).contains("Job 'rates' could not publish its result")
			.contains("add the rule +persist to it (ACL SETUSER <user> +persist)");
	}

	@Test
	void aWrongPasswordStopsStartUpWithAReportNamingTheProperties(CapturedOutput output) {
		start(RedisAcl.COMMANDS, "spring.data.redis.username=bellwether", "spring.data.redis.password=wrong");
		assertThatException().isThrownBy(this.fleet::add);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Redis refused access: WRONGPASS")
			.contains("Redis refused the username or password: check spring.data.redis.username and "
					+ "spring.data.redis.password");
	}

	@Test
	void aRefusedSubscriptionStopsStartUpWithAReportNamingTheRuleToAdd(CapturedOutput output) {
		List<String> withoutSubscribe = RedisAcl.COMMANDS.stream()
			.filter((command) -> !command.equals("subscribe"))
			.toList();
		start(withoutSubscribe, "spring.data.redis.username=bellwether", "spring.data.redis.password=" + PASSWORD);
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

}
