package dev.bellwether.benchmarks;

import java.util.List;
import java.util.function.Predicate;

import dev.bellwether.leader.Leadership;

/**
 * One system's run: a fleet calling the upstream once a second for a minute, its leader
 * (for the others, the instance that called last) crashed after a third of it and shut
 * down gracefully after two thirds.
 */
final class Scenario {

	static final int SECONDS = Integer.getInteger("bench.seconds", 60);

	private Scenario() {
	}

	static Result run(String system, Fleet fleet, CallLog calls, double redisPerIdleInstance) {
		calls.clear();
		long start = System.nanoTime();
		awaitUntil(start, SECONDS / 3);
		boolean elected = fleet.instances().get(0).context().getBeanProvider(Leadership.class).getIfAvailable() != null;
		Fleet.Instance crashed = leader(fleet, calls);
		long crashAt = System.nanoTime();
		crashed.crash();
		long crashFailover = elected ? awaitNewLeader(fleet, crashed, crashAt) : -1;
		awaitUntil(start, 2 * SECONDS / 3);
		Fleet.Instance stopped = leader(fleet, calls);
		long stopAt = System.nanoTime();
		Thread closing = new Thread(() -> stopped.context().close());
		closing.start();
		long handoff = elected ? awaitNewLeader(fleet, stopped, stopAt) : -1;
		awaitUntil(start, SECONDS);
		join(closing);
		int[] perInterval = new int[SECONDS];
		List<Long> times = calls.calls();
		for (long time : times) {
			int bucket = (int) ((time - start) / 1_000_000_000L);
			if (bucket >= 0 && bucket < SECONDS) {
				perInterval[bucket]++;
			}
		}
		return new Result(system, fleet.size(), perInterval, (crashAt - start) / 1e9, (stopAt - start) / 1e9,
				gapAround(times, crashAt), gapAround(times, stopAt), crashFailover, handoff, redisPerIdleInstance);
	}

	/**
	 * The instance that leads: for Bellwether its elected leader, else the last to call.
	 */
	private static Fleet.Instance leader(Fleet fleet, CallLog calls) {
		List<Fleet.Instance> instances = fleet.instances();
		for (Fleet.Instance instance : instances) {
			Leadership leadership = instance.context().getBeanProvider(Leadership.class).getIfAvailable();
			if (leadership != null && leadership.isLeader()) {
				return instance;
			}
		}
		String caller = calls.lastCaller();
		return instances.stream()
			.filter((instance) -> caller.equals(instance.context().getEnvironment().getProperty("bellwether.node-id")))
			.findFirst()
			.orElse(instances.get(0));
	}

	/**
	 * Milliseconds until another Bellwether instance leads, -1 if none does within 30 s.
	 */
	private static long awaitNewLeader(Fleet fleet, Fleet.Instance old, long since) {
		Predicate<Fleet.Instance> leads = (instance) -> instance != old && instance.context().isActive()
				&& instance.context().getBean(Leadership.class).isLeader();
		while (fleet.instances().stream().noneMatch(leads)) {
			if (System.nanoTime() - since > 30_000_000_000L) {
				return -1;
			}
			Thread.onSpinWait();
		}
		return (System.nanoTime() - since) / 1_000_000;
	}

	/**
	 * The pause an event caused: from the last call before it to the first call after it.
	 */
	private static long gapAround(List<Long> times, long event) {
		long before = times.stream().filter((time) -> time - event <= 0).reduce((a, b) -> b).orElse(event);
		long after = times.stream().filter((time) -> time - event > 0).findFirst().orElse(event);
		return (after - before) / 1_000_000;
	}

	private static void awaitUntil(long start, int seconds) {
		long left = start + seconds * 1_000_000_000L - System.nanoTime();
		if (left > 0) {
			Fleet.pause(left / 1_000_000);
		}
	}

	private static void join(Thread thread) {
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * What one system did.
	 *
	 * @param system the system's name
	 * @param instances the fleet's size
	 * @param perInterval upstream calls in each second of the run
	 * @param crashSecond when the leader was crashed, seconds into the run
	 * @param stopSecond when the leader was shut down gracefully, seconds into the run
	 * @param crashGapMillis the pause between calls the crash caused
	 * @param gracefulGapMillis the pause between calls the shutdown caused
	 * @param crashFailoverMillis until another instance led after the crash (-1: n/a)
	 * @param handoffMillis until another instance led after the shutdown (-1: n/a)
	 * @param redisPerIdleInstance Redis commands per second per idle instance
	 */
	record Result(String system, int instances, int[] perInterval, double crashSecond, double stopSecond,
			long crashGapMillis, long gracefulGapMillis, long crashFailoverMillis, long handoffMillis,
			double redisPerIdleInstance) {

		double mean() {
			return java.util.Arrays.stream(this.perInterval).average().orElse(0);
		}

		int max() {
			return java.util.Arrays.stream(this.perInterval).max().orElse(0);
		}

		long skipped() {
			return java.util.Arrays.stream(this.perInterval).filter((calls) -> calls == 0).count();
		}

	}

}
