package dev.bellwether.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * One fault of a round: what, on which instance (or {@code -1} for Redis and the
 * upstream), how long after the round's start it begins and how long it lasts.
 *
 * @param kind what goes wrong
 * @param target the instance it hits, {@code -1} when it hits Redis or the upstream
 * @param start when it begins, from the round's start
 * @param duration how long it lasts
 * @param magnitude the added latency (ms) or the failure rate (percent), else 0
 */
record Fault(Kind kind, int target, Duration start, Duration duration, int magnitude) {

	/** What goes wrong. */
	enum Kind {

		/** {@code SIGKILL} of an instance, started again when the fault ends. */
		INSTANCE_CRASH,

		/**
		 * {@code SIGSTOP} of an instance for longer than the ttl, then {@code SIGCONT}.
		 */
		INSTANCE_PAUSE,

		/** An instance's Redis link holds every byte back, as a partition does. */
		PARTITION,

		/** An instance's Redis link delays every byte. */
		LATENCY,

		/** redis-server killed, and started again empty when the fault ends. */
		REDIS_RESTART_EMPTY,

		/**
		 * The Redis master frozen with {@code SIGSTOP}, then {@code SIGCONT}; under
		 * Sentinel, a pause over a second makes the Sentinels fail over.
		 */
		REDIS_PAUSE,

		/** The Sentinels asked to fail over ({@code SENTINEL FAILOVER}). */
		SENTINEL_FAILOVER,

		/** The upstream fails a share of its calls with HTTP 503. */
		UPSTREAM_FAILURES,

		/** The upstream answers slowly. */
		UPSTREAM_SLOW,

		/**
		 * The master of the group's slot of a Redis Cluster killed with {@code kill -9};
		 * once its replica has taken over, started again on its port and directory, so
		 * that it rejoins from its {@code nodes.conf} as the new master's replica.
		 */
		MASTER_KILL,

		/**
		 * The master of the group's slot of a Redis Cluster frozen with {@code SIGSTOP}
		 * until the cluster has failed over, then {@code SIGCONT}: like a master cut off
		 * from the cluster, it comes back to find itself replaced, and is demoted.
		 */
		MASTER_PARTITION,

		/**
		 * {@code CLUSTER FAILOVER} sent to the replica of the group's master of a Redis
		 * Cluster.
		 */
		CLUSTER_FAILOVER;

		boolean hitsInstance() {
			return this == INSTANCE_CRASH || this == INSTANCE_PAUSE || this == PARTITION || this == LATENCY;
		}

		boolean hitsRedis() {
			return this == REDIS_RESTART_EMPTY || this == REDIS_PAUSE || this == SENTINEL_FAILOVER
					|| this == MASTER_KILL || this == MASTER_PARTITION || this == CLUSTER_FAILOVER;
		}

	}

	Duration end() {
		return this.start.plus(this.duration);
	}

	String describe() {
		String on = (this.target >= 0) ? " on node-" + this.target : "";
		String size = switch (this.kind) {
			case LATENCY, UPSTREAM_SLOW -> " +" + this.magnitude + " ms";
			case UPSTREAM_FAILURES -> " " + this.magnitude + "% failing";
			default -> "";
		};
		return this.kind.name().toLowerCase().replace('_', '-') + on + size + " at +" + this.start.toMillis()
				+ " ms for " + this.duration.toMillis() + " ms";
	}

	/**
	 * Chooses the faults of one round: one to three of them, starting within the first
	 * four seconds so that they overlap, on distinct instances, at most one on Redis and
	 * one of each kind on the upstream.
	 * @param random the run's seeded source, so that a seed replays its schedule
	 * @param instances how many instances the fleet has
	 * @param ttl the leader's ttl, which a pause outlasts
	 * @param kinds the kinds the topology allows
	 * @return the faults
	 */
	static List<Fault> round(Random random, int instances, Duration ttl, Set<Kind> kinds) {
		List<Fault> faults = new ArrayList<>();
		Set<Kind> taken = EnumSet.noneOf(Kind.class);
		List<Integer> free = new ArrayList<>();
		for (int i = 0; i < instances; i++) {
			free.add(i);
		}
		int count = 1 + random.nextInt(3);
		List<Kind> allowed = List.copyOf(kinds);
		while (faults.size() < count) {
			Kind kind = allowed.get(random.nextInt(allowed.size()));
			if ((kind.hitsRedis() && taken.stream().anyMatch(Kind::hitsRedis))
					|| (!kind.hitsInstance() && taken.contains(kind))) {
				continue;
			}
			taken.add(kind);
			int target = kind.hitsInstance() ? free.remove(random.nextInt(free.size())) : -1;
			Duration start = Duration.ofMillis(random.nextInt(4000));
			faults.add(new Fault(kind, target, start, duration(kind, random, ttl), magnitude(kind, random)));
		}
		return faults;
	}

	private static Duration duration(Kind kind, Random random, Duration ttl) {
		long ttlMillis = ttl.toMillis();
		return Duration.ofMillis(switch (kind) {
			case INSTANCE_PAUSE, PARTITION -> ttlMillis + 500 + random.nextInt((int) ttlMillis);
			case REDIS_PAUSE -> 500 + random.nextInt((int) (2 * ttlMillis));
			// a Cluster fails over within a few node timeouts; the pause lasts until it
			// has
			case MASTER_PARTITION -> ttlMillis + random.nextInt((int) ttlMillis);
			case INSTANCE_CRASH, REDIS_RESTART_EMPTY, MASTER_KILL -> 500 + random.nextInt(3000);
			case SENTINEL_FAILOVER, CLUSTER_FAILOVER -> 0;
			default -> 2000 + random.nextInt(6000);
		});
	}

	private static int magnitude(Kind kind, Random random) {
		return switch (kind) {
			case LATENCY -> 20 + random.nextInt(280);
			case UPSTREAM_SLOW -> 200 + random.nextInt(1300);
			case UPSTREAM_FAILURES -> 30 + random.nextInt(71);
			default -> 0;
		};
	}

}
