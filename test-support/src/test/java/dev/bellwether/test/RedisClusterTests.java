package dev.bellwether.test;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RedisClusterTests {

	private static final String KEY = "bellwether:{hedging}:leader";

	private final RedisCluster cluster = RedisCluster.start();

	private final RedisClusterClient client = RedisClusterClient.create(this.cluster.clusterNodes()
		.stream()
		.map((node) -> RedisURI.create("redis://" + node))
		.peek((uri) -> uri.setTimeout(Duration.ofSeconds(2)))
		.toList());

	private final StatefulRedisClusterConnection<String, String> connection;

	private final RedisAdvancedClusterCommands<String, String> commands;

	RedisClusterTests() {
		this.client.setOptions(ClusterClientOptions.builder()
			.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
				.enableAllAdaptiveRefreshTriggers()
				.enablePeriodicRefresh(Duration.ofSeconds(1))
				.build())
			.build());
		this.connection = this.client.connect();
		this.commands = this.connection.sync();
	}

	@AfterEach
	void close() {
		this.connection.close();
		this.client.shutdown();
		this.cluster.close();
	}

	@Test
	void threeMastersEachWithAReplicaServeEverySlotUntilClosed() {
		List<RedisServer> nodes = this.cluster.nodes();
		assertThat(nodes).hasSize(6);
		assertThat(nodes.subList(0, 3)).allSatisfy(
				(master) -> assertThat(this.cluster.replicasOf(master)).singleElement().isIn(nodes.subList(3, 6)));
		this.commands.set(KEY, "instance-1");
		assertThat(this.cluster.masterOf(KEY).commands().get(KEY)).isEqualTo("instance-1");
		List<Long> pids = nodes.stream().map(RedisServer::pid).toList();
		this.cluster.close();
		assertThat(pids).noneMatch((pid) -> ProcessHandle.of(pid).isPresent());
	}

	@Test
	void killedMasterOfAKeyIsReplacedByItsReplicaThatTheClientWritesToAndRejoinsAsItsReplicaWhenRestarted() {
		this.commands.set(KEY, "instance-1");
		RedisServer master = this.cluster.masterOf(KEY);
		RedisServer replica = this.cluster.replicasOf(master).get(0);
		this.cluster.kill(master);
		this.cluster.awaitHealthy();
		assertThat(this.cluster.masterOf(KEY)).isSameAs(replica);
		await().ignoreExceptions().untilAsserted(() -> this.commands.set(KEY, "instance-2"));
		assertThat(replica.commands().get(KEY)).isEqualTo("instance-2");
		// on its port and with its nodes.conf, but empty: it learns it was replaced
		master.restart();
		assertSwapped(master, replica);
		assertThat(master.commands().dbsize()).isOne();
	}

	@Test
	void manualFailoverMakesTheReplicaMasterWithEveryWriteAndTheMasterItsReplica() {
		this.commands.set(KEY, "instance-1");
		RedisServer master = this.cluster.masterOf(KEY);
		RedisServer replica = this.cluster.replicasOf(master).get(0);
		this.cluster.failover(replica);
		assertSwapped(master, replica);
		assertThat(replica.commands().get(KEY)).isEqualTo("instance-1");
	}

	private void assertSwapped(RedisServer master, RedisServer replica) {
		this.cluster.awaitReplicated();
		assertThat(this.cluster.masterOf(KEY)).isSameAs(replica);
		assertThat(this.cluster.replicasOf(replica)).containsExactly(master);
	}

	@Test
	void forcedFailoversBackToBackEachPromoteTheReplicaThatItsFormerMasterThenReplicates() {
		RedisServer master = this.cluster.masterOf(KEY);
		RedisServer replica = this.cluster.replicasOf(master).get(0);
		master.commands().set(KEY, "instance-1");
		assertThat(master.commands().waitForReplication(1, 5000)).isOne();
		this.cluster.forceFailover(replica);
		this.cluster.awaitReplicated(replica);
		assertThat(this.cluster.masterOf(KEY)).isSameAs(replica);
		assertThat(this.cluster.replicasOf(replica)).containsExactly(master);
		assertThat(replica.commands().get(KEY)).isEqualTo("instance-1");
		this.cluster.forceFailover(master);
		this.cluster.awaitReplicated(master);
		assertThat(this.cluster.masterOf(KEY)).isSameAs(master);
		this.cluster.forceFailover(replica);
		this.cluster.awaitReplicated(replica);
		assertThat(this.cluster.masterOf(KEY)).isSameAs(replica);
		assertThat(this.cluster.replicasOf(replica)).containsExactly(master);
	}

}
