package dev.bellwether.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.bellwether.test.RedisServer;

/**
 * Publish-to-apply latency of Bellwether beside a floor (plain Lettuce pub/sub decoding
 * with Jackson) and a peer (Redisson's local cached map), in the same run, for each
 * payload size: once with every instance in this JVM, once with a few receivers in JVMs
 * of their own while light connections make Redis fan out to the whole fleet. Every
 * receiver stamps its own arrivals; nothing polls the instances.
 */
final class SyncBench {

	static final List<Integer> SIZES = Arrays
		.stream(System.getProperty("bench.sync.sizes", "1024,10240,102400").split(","))
		.map(String::trim)
		.map(Integer::valueOf)
		.toList();

	static final int REVISIONS = Integer.getInteger("bench.sync.revisions", 30);

	static final int WARMUP = Integer.getInteger("bench.sync.warmup", 20);

	static final int PROCESSES = Integer.getInteger("bench.sync.processes", 4);

	static final int BURST = Integer.getInteger("bench.sync.burst", 1000);

	static final int BURST_GAP_MILLIS = Integer.getInteger("bench.sync.burst-gap", 5);

	static final String BELLWETHER_CHANNEL = "bellwether:{bench}:events";

	private static final AtomicLong seq = new AtomicLong();

	private SyncBench() {
	}

	/**
	 * One system's latencies at one payload size.
	 *
	 * @param system the system
	 * @param ownProcess whether the receivers ran in JVMs of their own
	 * @param bytes the nominal payload size
	 * @param encodedBytes the payload's size in JSON
	 * @param micros every receiver's latency for every measured publication, sorted
	 */
	record Row(String system, boolean ownProcess, int bytes, int encodedBytes, List<Long> micros) {

		String size() {
			return (this.bytes >= 1024 * 1024) ? (this.bytes / (1024 * 1024)) + " MB" : (this.bytes / 1024) + " KB";
		}

	}

	/**
	 * What the profile of one Bellwether follower in its own JVM found.
	 *
	 * @param jfr the recording
	 * @param handoffs the hand-offs to the listener thread it timed
	 */
	record Profiled(Path jfr, Path handoffs) {
	}

	/** Floor, peer and Bellwether with every instance in this JVM. */
	static List<Row> inProcess(RedisServer redis, Fleet fleet) {
		List<Row> rows = new ArrayList<>();
		Arrivals floorArrivals = new Arrivals();
		Arrivals peerArrivals = new Arrivals();
		Arrivals bellwetherArrivals = new Arrivals();
		try (FloorSubject floor = new FloorSubject(redis.uri(), fleet.size() - 1, true, floorArrivals);
				PeerSubject peer = new PeerSubject(redis.uri(), fleet.size(), peerArrivals);
				BellwetherSubject bellwether = new BellwetherSubject(fleet, bellwetherArrivals)) {
			for (int bytes : SIZES) {
				rows.add(awaiting(floor, floorArrivals, bytes));
				rows.add(awaiting(peer, peerArrivals, bytes));
				rows.add(awaiting(bellwether, bellwetherArrivals, bytes));
			}
		}
		return rows;
	}

	/**
	 * Floor, peer and Bellwether with the publisher in this JVM, {@link #PROCESSES}
	 * receivers in JVMs of their own and light connections for the rest of the fleet;
	 * with a JFR recording of one Bellwether follower under a burst.
	 */
	static List<Row> ownProcesses(RedisServer redis, int instances, Path work, List<Profiled> profiles) {
		List<Row> rows = new ArrayList<>();
		int light = Math.max(0, instances - 1 - PROCESSES);
		for (String system : List.of("floor", "peer", "bellwether")) {
			log(system + ": " + PROCESSES + " receivers in their own JVMs, " + light + " light connections");
			Arrivals none = new Arrivals();
			Fleet leader = system.equals("bellwether") ? new Fleet(redis, 1, Nodes.ReaderNode.class, Map.of()) : null;
			try (SyncSubject publisher = switch (system) {
				case "floor" -> new FloorSubject(redis.uri(), 0, false, none);
				case "peer" -> new PeerSubject(redis.uri(), 1, none);
				default -> new BellwetherSubject(leader, none);
			}) {
				String channel = channel(redis, system);
				long subscribed = numsub(redis, channel);
				try (Followers followers = new Followers(system, redis.uri(), PROCESSES, work.resolve("logs"));
						LightSubscribers lights = new LightSubscribers(redis.port(), channel, light)) {
					awaitSubscribers(redis, channel, subscribed + PROCESSES + light);
					List<long[]> ranges = new ArrayList<>();
					for (int bytes : SIZES) {
						ranges.add(paced(publisher, bytes, WARMUP + REVISIONS, gapMillis(bytes)));
					}
					if (system.equals("bellwether") && BURST > 0) {
						Path jfr = work.resolve("follower-burst.jfr").toAbsolutePath();
						log("profiling one follower under a burst of " + BURST + " publications of 10 KB");
						followers.command(0, "profile-start");
						paced(publisher, 10 * 1024, BURST, BURST_GAP_MILLIS);
						Fleet.pause(500);
						followers.command(0, "profile-stop " + jfr);
						profiles.add(new Profiled(jfr, Path.of(jfr + ".handoffs")));
					}
					Fleet.pause(1000);
					List<long[]> arrivals = followers.collect(work);
					for (int i = 0; i < SIZES.size(); i++) {
						long from = ranges.get(i)[0] + WARMUP;
						long to = ranges.get(i)[1];
						List<Long> micros = new ArrayList<>();
						arrivals.stream()
							.filter((one) -> one[0] >= from && one[0] <= to)
							.forEach((one) -> micros.add(one[1]));
						micros.sort(Long::compare);
						rows.add(new Row(publisher.system(), true, SIZES.get(i), encoded(SIZES.get(i)), micros));
					}
				}
			}
			finally {
				if (leader != null) {
					leader.close();
				}
			}
		}
		return rows;
	}

	/** Publishes and waits for every receiver each time; the last REVISIONS count. */
	private static Row awaiting(SyncSubject subject, Arrivals arrivals, int bytes) {
		long first = 0;
		for (int i = 0; i < WARMUP + REVISIONS; i++) {
			long number = seq.incrementAndGet();
			if (i == WARMUP) {
				first = number;
			}
			arrivals.expect(number);
			subject.publish(SyncPayload.of(number, bytes));
			try {
				if (!arrivals.await(subject.receivers(), 10_000)) {
					log(subject.system() + ": publication " + number + " did not reach every receiver in 10 s");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			Fleet.pause(20);
		}
		return new Row(subject.system(), false, bytes, encoded(bytes), arrivals.latencies(first, seq.get()));
	}

	/** Publishes at a fixed pace, without asking anyone; returns the numbers used. */
	private static long[] paced(SyncSubject subject, int bytes, int count, long gapMillis) {
		long first = seq.get() + 1;
		for (int i = 0; i < count; i++) {
			subject.publish(SyncPayload.of(seq.incrementAndGet(), bytes));
			Fleet.pause(gapMillis);
		}
		return new long[] { first, seq.get() };
	}

	/** Long enough for every receiver to be done with one publication. */
	private static long gapMillis(int bytes) {
		return 25 + bytes / 2000;
	}

	private static int encoded(int bytes) {
		return tools.jackson.databind.json.JsonMapper.shared().writeValueAsBytes(SyncPayload.of(0, bytes)).length;
	}

	private static String channel(RedisServer redis, String system) {
		return switch (system) {
			case "floor" -> FloorSubject.CHANNEL;
			case "bellwether" -> BELLWETHER_CHANNEL;
			default -> redis.commands()
				.pubsubChannels()
				.stream()
				.filter((name) -> name.contains(PeerSubject.MAP))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Redisson's local cache topic is not subscribed"));
		};
	}

	private static long numsub(RedisServer redis, String channel) {
		return redis.commands().pubsubNumsub(channel).getOrDefault(channel, 0L);
	}

	private static void awaitSubscribers(RedisServer redis, String channel, long count) {
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (numsub(redis, channel) < count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"Only " + numsub(redis, channel) + " of " + count + " subscribers on " + channel);
			}
			Fleet.pause(50);
		}
	}

	private static void log(String message) {
		System.out.println("[benchmark] sync: " + message);
	}

}
