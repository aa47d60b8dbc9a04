package dev.bellwether.fleet;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.bellwether.test.RedisCluster;
import dev.bellwether.test.RedisSentinel;
import dev.bellwether.test.RedisServer;

/**
 * Redis failovers played back to back under a fleet of three running a 500 ms job, one
 * topology per nested class: rounds of two failovers an operator asks for
 * ({@code SENTINEL FAILOVER}, or {@code CLUSTER FAILOVER FORCE} on a replica of the
 * group's master) and one {@code kill -9} of the group's master, restarted empty to
 * rejoin as a replica, so that every fault meets the whole topology. Replication is
 * asynchronous, so a failover can lose the store's record of the last run start, and
 * every failover hands the leadership to a node that plans its first run from what it
 * knows: one start forgotten and the rate-limited upstream is called twice in an
 * interval. So the whole run, not one fault, must show no two upstream calls half an
 * interval apart or closer, whichever nodes made them; after each fault (the last one
 * too) a leader is back on the new master and every instance holds a newer revision; no
 * revision goes back and epochs only grow. Each test prints its figures.
 * <p>
 * {@code ./mvnw -B verify} plays one round per topology (three faults); the full run of
 * five rounds (ten failovers and five kills per topology) is
 * {@code -Dbellwether.test.failover-rounds=5}, the command of
 * {@code docs/benchmarks-and-chaos.md}.
 * <p>
 * {@code -Dbellwether.test.min-replicas-to-write=1} plays the Sentinel scenario with the
 * advice of {@code docs/production-redis.md}, {@code min-replicas-to-write 1} and
 * {@code min-replicas-max-lag 1} on every data node, to measure what that setting costs.
 */
class RepeatedFailoverTests {

	private static final int ROUNDS = Integer.getInteger("bellwether.test.failover-rounds", 1);

	private @Nullable FailoverWatch watch;

	@AfterEach
	void close() {
		if (this.watch != null) {
			this.watch.close();
		}
	}

	/**
	 * Starts the fleet in a group of its own and, once it runs the job steadily, plays
	 * {@link #ROUNDS} rounds of two failovers and a kill of the master, then reports.
	 * @param fleet the fleet, not started
	 * @param group the group
	 * @param scenario what the faults are
	 * @param failover plays a failover
	 * @param kill plays a kill of the master
	 */
	private void playBack(Fleet fleet, String group, String scenario, Runnable failover, Runnable kill) {
		this.watch = FailoverWatch.start(fleet, group);
		for (int round = 0; round < ROUNDS; round++) {
			failover.run();
			failover.run();
			kill.run();
		}
		this.watch.reportRepeated(scenario);
	}

	/**
	 * Plays one fault: injects it, notes the new master, waits until a leader is back on
	 * it and every instance holds a newer revision, then gives the topology back its
	 * replicas.
	 * @param failOver injects the fault and waits until Redis names the new master
	 * @param restore waits until every data node replicates the new master, after
	 * restarting the one killed if any
	 */
	private void play(Supplier<RedisServer> failOver, Runnable restore) {
		this.watch.fault();
		this.watch.failedOver(failOver.get());
		this.watch.awaitRecovery();
		restore.run();
	}

	@Nested
	class Sentinel {

		@AutoClose
		static final RedisSentinel sentinel = RedisSentinel.start();

		private static final @Nullable String MIN_REPLICAS = System
			.getProperty("bellwether.test.min-replicas-to-write");

		@Test
		void noTwoCallsCloserThanHalfAnIntervalThroughFailoversAndMasterKills() {
			sentinel.dataNodes().forEach(this::configure);
			playBack(Fleet.sentinel(sentinel, Upstream.RatesJob.class), "sentinel-repeated",
					"Sentinel, " + ROUNDS + " × (2 SENTINEL FAILOVERs, kill -9 of the master)"
							+ ((MIN_REPLICAS != null) ? ", min-replicas-to-write " + MIN_REPLICAS : ""),
					this::failover, this::killMaster);
		}

		private void configure(RedisServer node) {
			if (MIN_REPLICAS != null) {
				node.commands().configSet("min-replicas-to-write", MIN_REPLICAS);
				node.commands().configSet("min-replicas-max-lag", "1");
			}
		}

		private void failover() {
			play(sentinel::failover, sentinel::awaitReplicated);
		}

		private void killMaster() {
			RedisServer master = sentinel.currentMaster();
			play(() -> sentinel.awaitNewMaster(sentinel.killMaster()), () -> {
				master.restart();
				configure(master);
				sentinel.awaitReplicated();
			});
		}

	}

	@Nested
	class Cluster {

		static final String KEY = "bellwether:{cluster-repeated}:leader";

		@AutoClose
		static final RedisCluster cluster = RedisCluster.start();

		@Test
		void noTwoCallsCloserThanHalfAnIntervalThroughFailoversAndMasterKills() {
			playBack(Fleet.cluster(cluster, Upstream.RatesJob.class), "cluster-repeated",
					"Cluster, " + ROUNDS + " × (2 CLUSTER FAILOVER FORCEs, kill -9 of the group's master)",
					this::failover, this::killMaster);
		}

		private void failover() {
			RedisServer replica = cluster.replicasOf(cluster.masterOf(KEY)).get(0);
			play(() -> {
				cluster.forceFailover(replica);
				return replica;
			}, () -> cluster.awaitReplicated(replica));
		}

		private void killMaster() {
			RedisServer master = cluster.masterOf(KEY);
			play(() -> {
				cluster.kill(master);
				cluster.awaitHealthy();
				return cluster.masterOf(KEY);
			}, () -> {
				master.restart();
				cluster.awaitReplicated(cluster.masterOf(KEY));
			});
		}

	}

}
