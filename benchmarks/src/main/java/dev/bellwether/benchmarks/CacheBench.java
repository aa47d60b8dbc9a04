package dev.bellwether.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.bellwether.test.RedisServer;

/**
 * The {@code @Cacheable} comparison for one system: instances in this JVM and in JVMs of
 * their own ask for the same cold keys at once, then keys are evicted on one instance
 * while every instance watches them; before the fleet starts, one instance alone shows
 * what a hit and a miss send to Redis.
 */
final class CacheBench {

	static final int KEYS = Integer.getInteger("bench.cache.keys", 200);

	static final int IN_JVM = Integer.getInteger("bench.cache.instances", 20);

	static final int OWN_JVMS = Integer.getInteger("bench.cache.processes", 3);

	static final int EVICTS = Integer.getInteger("bench.cache.evicts", 30);

	private CacheBench() {
	}

	/**
	 * What one system did.
	 *
	 * @param system its name
	 * @param loadsPerKey upstream calls per cold key, fleet-wide
	 * @param coldMillis time until every instance had every cold key
	 * @param evicts per evict, the time until each instance stopped serving the old value
	 * @param requestsPerMiss requests to Redis per miss, one instance alone
	 * @param requestsPerHit requests to Redis per hit, one instance alone
	 */
	record Result(String system, Map<String, Integer> loadsPerKey, long coldMillis, List<Evict> evicts,
			double requestsPerMiss, double requestsPerHit) {

		int instances() {
			return IN_JVM + OWN_JVMS;
		}

		/**
		 * Evicts after which an instance still served the old value when its watch gave
		 * up.
		 */
		long evictsStillServed() {
			return this.evicts.stream().filter((evict) -> evict.everywhere().isInfinite()).count();
		}

		/** How soon the other evicts became invisible everywhere. */
		List<Double> evictsSeen() {
			return finite(this.evicts.stream().map(Evict::everywhere).toList());
		}

		/** How soon each instance in a JVM of its own stopped serving an evicted key. */
		List<Double> evictsSeenInOwnJvms() {
			return finite(this.evicts.stream().flatMap((evict) -> evict.ownJvms().stream()).toList());
		}

		/**
		 * How soon each instance in the benchmark's JVM stopped serving an evicted key.
		 */
		List<Double> evictsSeenInOneJvm() {
			return finite(this.evicts.stream().flatMap((evict) -> evict.oneJvm().stream()).toList());
		}

		private static List<Double> finite(List<Double> millis) {
			return millis.stream().filter((one) -> !one.isInfinite()).toList();
		}

		double meanLoads() {
			return this.loadsPerKey.values().stream().mapToInt(Integer::intValue).average().orElse(0);
		}

		int maxLoads() {
			return this.loadsPerKey.values().stream().mapToInt(Integer::intValue).max().orElse(0);
		}

		long keysLoadedMoreThanOnce() {
			return this.loadsPerKey.values().stream().filter((loads) -> loads > 1).count();
		}

	}

	/**
	 * One evict: per instance, milliseconds until it stopped serving the old value, or
	 * infinity if it still served it when its watch gave up.
	 *
	 * @param oneJvm the instances in the benchmark's JVM
	 * @param ownJvms the instances in JVMs of their own
	 */
	record Evict(List<Double> oneJvm, List<Double> ownJvms) {

		/** Until no instance served the old value. */
		Double everywhere() {
			return Stream.concat(this.oneJvm.stream(), this.ownJvms.stream()).max(Double::compare).orElseThrow();
		}

	}

	static Result run(RedisServer redis, String system, Path logs) throws Exception {
		redis.flushAll();
		CacheNodes.LoadLog log = new CacheNodes.LoadLog();
		List<CacheInstance> locals = new ArrayList<>();
		List<ChildProcess> children = new ArrayList<>();
		ExecutorService threads = Executors.newCachedThreadPool();
		try {
			locals.add(CacheInstance.start(system, redis.uri(), "node-0", log));
			CacheInstance alone = locals.get(0);
			List<String> solo = keys("s", KEYS);
			double perMiss = RedisLoad.requestsOf(redis, () -> alone.ask(solo)) / (double) KEYS;
			double perHit = RedisLoad.requestsOf(redis, () -> alone.ask(solo)) / (double) KEYS;
			for (int i = 1; i < IN_JVM; i++) {
				locals.add(CacheInstance.start(system, redis.uri(), "node-" + i, log));
			}
			for (int i = 0; i < OWN_JVMS; i++) {
				children.add(new ChildProcess(CacheProcess.class, logs.resolve(system + "-" + i + ".log"), system,
						redis.uri(), "process-" + i));
			}
			log.clear();
			List<String> cold = keys("k", KEYS);
			long started = System.nanoTime();
			List<Future<?>> asking = new ArrayList<>();
			children.forEach((child) -> child.send("ask " + String.join(",", cold)));
			locals.forEach((local) -> asking.add(threads.submit(() -> local.ask(cold))));
			for (Future<?> one : asking) {
				one.get();
			}
			children.forEach(ChildProcess::answer);
			long coldMillis = (System.nanoTime() - started) / 1_000_000;
			Map<String, Integer> loads = new TreeMap<>(log.snapshot());
			for (ChildProcess child : children) {
				String answer = child.command("loads");
				for (String pair : answer.isEmpty() ? new String[0] : answer.split(" ")) {
					String[] keyAndCount = pair.split("=");
					loads.merge(keyAndCount[0], Integer.parseInt(keyAndCount[1]), Integer::sum);
				}
			}
			loads.keySet().retainAll(cold);
			List<Evict> evicts = new ArrayList<>();
			for (String key : keys("e", EVICTS)) {
				evicts.add(evict(key, locals, children));
			}
			return new Result(system, loads, coldMillis, evicts, perMiss, perHit);
		}
		finally {
			threads.shutdownNow();
			children.forEach(ChildProcess::close);
			locals.forEach((local) -> local.context().close());
		}
	}

	/**
	 * Every instance holds the key and watches it; instance 0 evicts it.
	 * @return when each instance stopped serving it
	 */
	private static Evict evict(String key, List<CacheInstance> locals, List<ChildProcess> children) {
		locals.forEach((local) -> local.watch(key));
		children.forEach((child) -> child.command("watch " + key));
		long evicted = SyncPayload.nowMicros();
		locals.get(0).cache().evict(key);
		List<Double> oneJvm = locals.stream().map((local) -> since(evicted, local.invisibleAt())).toList();
		List<Double> ownJvms = children.stream()
			.map((child) -> since(evicted, Long.parseLong(child.command("invisible"))))
			.toList();
		return new Evict(oneJvm, ownJvms);
	}

	private static double since(long evicted, long invisibleAt) {
		return (invisibleAt == CacheInstance.STILL_SERVED) ? Double.POSITIVE_INFINITY
				: Math.max(0, invisibleAt - evicted) / 1000.0;
	}

	private static List<String> keys(String prefix, int count) {
		return IntStream.range(0, count).mapToObj((i) -> String.format("%s%03d", prefix, i)).toList();
	}

}
