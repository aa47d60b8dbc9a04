package dev.bellwether.test;

import java.util.List;
import java.util.stream.Stream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RedisSentinelTests {

	private final RedisSentinel sentinel = RedisSentinel.start();

	private final RedisClient client = RedisClient.create();

	private final StatefulRedisConnection<String, String> connection = this.client.connect(this.sentinel.redisUri());

	private final RedisCommands<String, String> commands = this.connection.sync();

	@AfterEach
	void close() {
		this.connection.close();
		this.client.shutdown();
		this.sentinel.close();
	}

	@Test
	void runsOneMasterTwoReplicasAndThreeSentinelsUntilClosed() {
		assertThat(this.sentinel.sentinelNodes()).hasSize(3).allMatch((node) -> node.startsWith("127.0.0.1:"));
		assertThat(this.sentinel.dataNodes()).hasSize(3).first().isSameAs(this.sentinel.currentMaster());
		this.commands.set("bellwether:hello", "world");
		assertThat(this.sentinel.currentMaster().commands().get("bellwether:hello")).isEqualTo("world");
		List<Long> pids = Stream.concat(this.sentinel.dataNodes().stream(), this.sentinel.sentinels().stream())
			.map(RedisServer::pid)
			.toList();
		this.sentinel.close();
		assertThat(pids).hasSize(6).noneMatch((pid) -> ProcessHandle.of(pid).isPresent());
	}

	@Test
	void failoverPromotesAReplicaThatSentinelAwareClientsWriteTo() {
		RedisServer previous = this.sentinel.currentMaster();
		this.commands.set("bellwether:before", "1");
		RedisServer promoted = this.sentinel.failover();
		assertThat(promoted).isNotSameAs(previous).isSameAs(this.sentinel.currentMaster());
		try (StatefulRedisConnection<String, String> fresh = this.client.connect(this.sentinel.redisUri())) {
			fresh.sync().set("bellwether:after", "2");
		}
		assertThat(promoted.commands().get("bellwether:after")).isEqualTo("2");
		assertThat(promoted.commands().get("bellwether:before")).isEqualTo("1");
	}

	@Test
	void killedMasterIsReplacedByAReplicaThatSentinelAwareClientsWriteTo() {
		RedisServer killed = this.sentinel.killMaster();
		RedisServer promoted = this.sentinel.awaitNewMaster(killed);
		assertThat(killed.isRunning()).isFalse();
		assertThat(promoted.isRunning()).isTrue();
		await().ignoreExceptions().untilAsserted(() -> this.commands.set("bellwether:after", "2"));
		assertThat(promoted.commands().get("bellwether:after")).isEqualTo("2");
	}

	@Test
	void previousMasterReplicatesTheNewMasterOnceTheSentinelsDemoteIt() {
		RedisServer previous = this.sentinel.currentMaster();
		RedisServer promoted = this.sentinel.failover();
		assertThat(this.sentinel.awaitReplicated()).isSameAs(promoted);
		assertThat(previous.commands().info("replication")).contains("role:slave", "master_port:" + promoted.port(),
				"master_link_status:up");
	}

	@Test
	void killedMasterRestartedEmptyReplicatesTheNewMasterAndSyncsFromIt() {
		this.commands.set("bellwether:before", "1");
		this.commands.waitForReplication(2, 5000);
		RedisServer killed = this.sentinel.killMaster();
		assertThat(this.sentinel.awaitNewMaster(killed)).isNotSameAs(killed);
		killed.restart();
		// On a busy machine the Sentinels may fail over once more meanwhile: the killed
		// node
		// follows whichever master they name once every replica is in sync
		RedisServer master = this.sentinel.awaitReplicated();
		assertThat(master).isNotSameAs(killed);
		assertThat(killed.commands().info("replication")).contains("role:slave", "master_port:" + master.port());
		assertThat(killed.commands().get("bellwether:before")).isEqualTo("1");
	}

}
