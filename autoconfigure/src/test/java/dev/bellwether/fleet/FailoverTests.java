package dev.bellwether.fleet;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.bellwether.test.RedisCluster;
import dev.bellwether.test.RedisSentinel;
import dev.bellwether.test.RedisServer;

/**
 * A fleet of three running a 500 ms job through Redis Sentinel and Redis Cluster
 * failovers, one topology per nested class: a leader is back on the new master within ttl
 * + renew interval, data flows through it again, no revision goes back, epochs only grow,
 * no interval has two upstream calls, health answers at once throughout and a follower
 * stopped during the failover stops at once. Each test prints its figures.
 */
class FailoverTests {

	/** The fleet's ttl (1 s) and renew interval (300 ms), see {@link FleetNode}. */
	private static final Duration TTL_AND_RENEW = Duration.ofMillis(1300);

	private @Nullable FailoverWatch watch;

	@AfterEach
	void close() {
		if (this.watch != null) {
			this.watch.close();
		}
	}

	/** Starts the fleet in a group of its own and waits until it runs the job. */
	private void start(Fleet fleet, String group) {
		this.watch = FailoverWatch.start(fleet, group);
	}

	@Nested
	class Sentinel {

		static final RedisSentinel sentinel = RedisSentinel.start();

		@AfterAll
		static void stopSentinel() {
			sentinel.close();
		}

		/**
		 * After {@code SENTINEL FAILOVER} the old master stays master, and keeps its
		 * clients, until the Sentinels demote it some seconds later: the Sentinels'
		 * {@code +switch-master} moves the fleet's connections to the new master at once,
		 * so a leader is back there within ttl + renew interval of the Sentinels naming
		 * it.
		 */
		@Test
		void leaderIsBackOnTheNewMasterSoonAfterTheSentinelsFailOver() {
			start(Fleet.sentinel(sentinel, Upstream.RatesJob.class), "sentinel-failover");
			FailoverTests.this.watch.fault();
			RedisServer previous = sentinel.requestFailover();
			FailoverTests.this.watch.stopAFollower();
			RedisServer master = sentinel.awaitNewMaster(previous);
			FailoverTests.this.watch.failedOver(master);
			FailoverTests.this.watch.awaitRecovery();
			FailoverTests.this.watch.report("Sentinel, SENTINEL FAILOVER", TTL_AND_RENEW);
		}

		@Test
		void leaderIsBackOnTheNewMasterSoonAfterTheMasterIsKilled() {
			start(Fleet.sentinel(sentinel, Upstream.RatesJob.class), "sentinel-kill");
			FailoverTests.this.watch.fault();
			RedisServer killed = sentinel.killMaster();
			FailoverTests.this.watch.stopAFollower();
			RedisServer master = sentinel.awaitNewMaster(killed);
			FailoverTests.this.watch.failedOver(master);
			FailoverTests.this.watch.awaitRecovery();
			FailoverTests.this.watch.report("Sentinel, kill -9 of the master", TTL_AND_RENEW);
		}

	}

	@Nested
	class Cluster {

		static final RedisCluster cluster = RedisCluster.start();

		@AfterAll
		static void stopCluster() {
			cluster.close();
		}

		@Test
		void leaderIsBackOnThePromotedReplicaSoonAfterTheGroupsMasterIsKilled() {
			start(Fleet.cluster(cluster, Upstream.RatesJob.class), "cluster-kill");
			RedisServer killed = cluster.masterOf("bellwether:{cluster-kill}:leader");
			FailoverTests.this.watch.fault();
			cluster.kill(killed);
			FailoverTests.this.watch.stopAFollower();
			cluster.awaitHealthy();
			RedisServer master = cluster.masterOf("bellwether:{cluster-kill}:leader");
			FailoverTests.this.watch.failedOver(master);
			FailoverTests.this.watch.awaitRecovery();
			FailoverTests.this.watch.report(
					"Cluster, kill -9 of the group's master " + killed.port() + ", promoted " + master.port(),
					TTL_AND_RENEW);
		}

	}

}
