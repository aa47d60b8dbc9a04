package dev.bellwether.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import dev.bellwether.chaos.Fleet.Instance;
import dev.bellwether.test.RedisCluster;
import dev.bellwether.test.RedisServer;

import static org.awaitility.Awaitility.await;

/**
 * Applies faults to the fleet and heals them. The upstream's two faults combine: a slow
 * upstream that also fails answers slowly with failures. A fault on a Cluster heals once
 * the node it hit has rejoined as a replica in sync, so that the next round's faults find
 * a cluster that can fail over again; that wait holds no other fault of the round back.
 */
final class FaultInjector {

	private final Fleet fleet;

	/**
	 * The master a fault on Redis froze or killed, which may no longer be master when it
	 * ends. At most one fault of a round hits Redis, and it begins before it ends.
	 */
	private RedisServer struck;

	private int upstreamLatency;

	private int upstreamFailures;

	FaultInjector(Fleet fleet) {
		this.fleet = fleet;
	}

	void begin(Fault fault) {
		Instance instance = (fault.target() >= 0) ? this.fleet.instances().get(fault.target()) : null;
		RedisCluster cluster = this.fleet.cluster();
		switch (fault.kind()) {
			case INSTANCE_CRASH -> instance.process.kill();
			case INSTANCE_PAUSE -> instance.process.pause();
			case PARTITION -> instance.proxy.blackhole();
			case LATENCY -> instance.proxy.delay(Duration.ofMillis(fault.magnitude()));
			case REDIS_RESTART_EMPTY -> this.fleet.master().kill();
			case REDIS_PAUSE, MASTER_PARTITION -> this.struck = pause(this.fleet.master());
			case MASTER_KILL -> this.struck = kill(this.fleet.master());
			case SENTINEL_FAILOVER -> this.fleet.sentinel().requestFailover();
			case CLUSTER_FAILOVER -> cluster.failover(cluster.replicasOf(this.fleet.master()).get(0));
			case UPSTREAM_FAILURES, UPSTREAM_SLOW -> upstream(fault.kind(), fault.magnitude());
		}
	}

	void end(Fault fault) {
		Instance instance = (fault.target() >= 0) ? this.fleet.instances().get(fault.target()) : null;
		RedisCluster cluster = this.fleet.cluster();
		switch (fault.kind()) {
			case INSTANCE_CRASH -> this.fleet.launch(instance);
			case INSTANCE_PAUSE -> instance.process.resume();
			case PARTITION, LATENCY -> instance.proxy.heal();
			case REDIS_RESTART_EMPTY -> this.fleet.master().restart();
			case REDIS_PAUSE -> this.struck.resume();
			case MASTER_PARTITION -> {
				// paused until the cluster has failed over, however long that took
				await().atMost(Duration.ofSeconds(30)).until(() -> this.fleet.master() != this.struck);
				this.struck.resume();
				cluster.awaitReplicated();
			}
			case MASTER_KILL -> {
				cluster.awaitHealthy();
				this.struck.restart();
				cluster.awaitReplicated();
			}
			case SENTINEL_FAILOVER -> {
				// the Sentinels promote a replica on their own
			}
			case CLUSTER_FAILOVER -> cluster.awaitReplicated();
			case UPSTREAM_FAILURES, UPSTREAM_SLOW -> upstream(fault.kind(), 0);
		}
	}

	private static RedisServer pause(RedisServer master) {
		master.pause();
		return master;
	}

	private static RedisServer kill(RedisServer master) {
		master.kill();
		return master;
	}

	/** Sets one of the upstream's two faults, keeping the other as it is. */
	private synchronized void upstream(Fault.Kind kind, int magnitude) {
		if (kind == Fault.Kind.UPSTREAM_SLOW) {
			this.upstreamLatency = magnitude;
		}
		else {
			this.upstreamFailures = magnitude;
		}
		String faults = "{\"latency\":\"PT" + (this.upstreamLatency / 1000.0) + "S\",\"failureRate\":"
				+ (this.upstreamFailures / 100.0) + "}";
		try {
			int status = this.fleet.upstream().send("PUT", "/faults", faults, Duration.ofSeconds(5)).statusCode();
			if (status != 200) {
				throw new IllegalStateException("The upstream refused its faults " + faults + ": HTTP " + status);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
