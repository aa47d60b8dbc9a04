package dev.bellwether.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import dev.bellwether.data.Dataset;
import dev.bellwether.data.Datasets;
import dev.bellwether.leader.Leadership;
import dev.bellwether.test.RedisServer;

/**
 * Large datasets to a whole fleet on one redis-server with its default limits: the leader
 * publishes a {@link Book} of each size; a few followers in JVMs of their own decode and
 * hold it, and light connections fetch it as followers do, so that Redis serves as many
 * followers as a fleet has. Meanwhile a sampler reads Redis' memory and its clients'
 * output buffers.
 */
final class LargeBench {

	static final String DATASET = "book";

	static final String MAX_PAYLOAD = "128MB";

	static final List<Integer> SIZES = Arrays
		.stream(System.getProperty("bench.large.sizes", "1048576,10485760,52428800").split(","))
		.map(String::trim)
		.map(Integer::valueOf)
		.toList();

	static final int SUBSCRIBERS = Integer.getInteger("bench.large.subscribers", 200);

	static final int PROCESSES = Integer.getInteger("bench.large.processes", 3);

	static final int PUBLICATIONS = Integer.getInteger("bench.large.publications", 10);

	static final int WARMUP = Integer.getInteger("bench.large.warmup", 2);

	/**
	 * How long a publication may take to reach every follower before the run gives up.
	 */
	private static final long REACH_MILLIS = 120_000;

	private LargeBench() {
	}

	/**
	 * What one size did.
	 *
	 * @param bytes the nominal size
	 * @param encodedBytes the book's size in JSON
	 * @param perFollower each follower's latency for each measured publication, ms,
	 * sorted
	 * @param everyFollower per measured publication, until the last follower held it, ms,
	 * sorted
	 * @param lost publications some follower never held within the bound
	 * @param sentPerPublication bytes Redis sent per publication
	 * @param peakUsedMemory Redis' peak memory while the size ran, bytes
	 * @param peakOutputBuffer the largest output buffer of one client, bytes
	 * @param peakOutputBuffers the largest sum of the clients' output buffers, bytes
	 * @param disconnected subscribers that were no longer subscribed after the size
	 * @param followerCpuMillis CPU per follower JVM per publication, ms
	 * @param followerHeapPeak the largest heap peak of a follower JVM, bytes
	 * @param slowestRedisMillis the longest Redis took to answer the sampler's
	 * {@code INFO}
	 * @param leadershipsLost publications the leader could not make because it had lost
	 * its leadership meanwhile (it publishes again once it leads)
	 */
	record Row(int bytes, int encodedBytes, List<Double> perFollower, List<Double> everyFollower, int lost,
			long sentPerPublication, long peakUsedMemory, long peakOutputBuffer, long peakOutputBuffers,
			long disconnected, double followerCpuMillis, long followerHeapPeak, long slowestRedisMillis,
			int leadershipsLost) {
	}

	static List<Row> run(RedisServer redis, Path work) {
		List<Row> rows = new ArrayList<>();
		AtomicLong seq = new AtomicLong();
		String channel = "bellwether:{bench}:events";
		try (Fleet leader = new Fleet(redis, 1, Nodes.ReaderNode.class, Map.of(),
				"--bellwether.sync.max-payload-size=" + MAX_PAYLOAD);
				Followers followers = new Followers(DATASET, redis.uri(), PROCESSES, work.resolve("logs"));
				ChildProcess light = new ChildProcess(FetchingProcess.class, work.resolve("logs/fetching.log"),
						String.valueOf(redis.port()), channel, "bellwether:{bench}:ds:" + DATASET, DATASET,
						String.valueOf(SUBSCRIBERS - PROCESSES))) {
			Dataset<Book> book = leader.instances().get(0).context().getBean(Datasets.class).get(DATASET, Book.class);
			lead(leader, followers);
			long subscribed = subscribers(redis, channel);
			for (int bytes : SIZES) {
				log(bytes + " bytes to " + PROCESSES + " followers and " + (SUBSCRIBERS - PROCESSES)
						+ " fetching subscribers");
				rows.add(size(redis, channel, leader, book, followers, light, bytes, seq, subscribed, work));
			}
		}
		return rows;
	}

	private static Row size(RedisServer redis, String channel, Fleet leader, Dataset<Book> book, Followers followers,
			ChildProcess light, int bytes, AtomicLong seq, long subscribed, Path work) {
		Map<Long, Long> revisions = new HashMap<>();
		Map<Long, Long> sent = new HashMap<>();
		int lost = 0;
		int leadershipsLost = 0;
		int encoded = 0;
		long sentBefore = 0;
		RedisSampler sampler = null;
		for (int i = 0; i < WARMUP + PUBLICATIONS; i++) {
			if (i == WARMUP) {
				for (int f = 0; f < followers.size(); f++) {
					followers.command(f, "usage-reset");
				}
				sampler = new RedisSampler(redis);
				sentBefore = RedisSampler.stat(redis, "stats", "total_net_output_bytes");
			}
			Book next = Book.of(seq.incrementAndGet(), bytes);
			encoded = tools.jackson.databind.json.JsonMapper.shared().writeValueAsBytes(next).length;
			Book stamped = next.stamped();
			while (!book.publish(stamped)) {
				log("the publication of " + next.seq() + " was refused: the leader lost its leadership");
				leadershipsLost += (i >= WARMUP) ? 1 : 0;
				lead(leader, followers);
				stamped = next.stamped();
			}
			long revision = book.revision();
			boolean reached = await(() -> Boolean.parseBoolean(light.command("read " + revision))
					&& followersHold(followers, next.seq()));
			if (i >= WARMUP) {
				revisions.put(revision, stamped.seq());
				sent.put(stamped.seq(), stamped.sentMicros());
				lost += reached ? 0 : 1;
			}
		}
		long sentAfter = RedisSampler.stat(redis, "stats", "total_net_output_bytes");
		sampler.close();
		Map<Long, List<Double>> latencies = new HashMap<>();
		for (long[] read : reads(light, work)) {
			Long number = revisions.get(read[0]);
			if (number != null) {
				latencies.computeIfAbsent(number, (n) -> new ArrayList<>()).add((read[1] - sent.get(number)) / 1000.0);
			}
		}
		for (long[] arrival : followers.collect(work)) {
			if (sent.containsKey(arrival[0])) {
				latencies.computeIfAbsent(arrival[0], (n) -> new ArrayList<>()).add(arrival[1] / 1000.0);
			}
		}
		double cpu = 0;
		long heap = 0;
		for (int f = 0; f < followers.size(); f++) {
			String[] usage = followers.command(f, "usage").split(" ");
			cpu += Double.parseDouble(usage[0]);
			heap = Math.max(heap, Long.parseLong(usage[1]));
		}
		List<Double> perFollower = latencies.values().stream().flatMap(List::stream).sorted().toList();
		List<Double> everyFollower = latencies.values()
			.stream()
			.map((one) -> one.stream().mapToDouble(Double::doubleValue).max().orElse(0))
			.sorted()
			.toList();
		return new Row(bytes, encoded, perFollower, everyFollower, lost, (sentAfter - sentBefore) / PUBLICATIONS,
				sampler.peakUsedMemory(), sampler.peakOutputBuffer(), sampler.peakOutputBuffers(),
				subscribed - subscribers(redis, channel), cpu / followers.size() / PUBLICATIONS, heap,
				sampler.slowestAnswerMillis(), leadershipsLost);
	}

	/** Asks the followers to step down until the leader of this JVM leads again. */
	private static void lead(Fleet leader, Followers followers) {
		Leadership leadership = leader.instances().get(0).context().getBean(Leadership.class);
		await(() -> {
			for (int f = 0; f < followers.size(); f++) {
				followers.command(f, "step-down");
			}
			Fleet.pause(500);
			return leadership.isLeader();
		});
	}

	private static List<long[]> reads(ChildProcess light, Path work) {
		Path file = work.resolve("reads.txt").toAbsolutePath();
		light.command("dump " + file);
		try {
			return Files.readAllLines(file)
				.stream()
				.map((line) -> line.split(" "))
				.map((pair) -> new long[] { Long.parseLong(pair[0]), Long.parseLong(pair[1]) })
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean followersHold(Followers followers, long seq) {
		for (int f = 0; f < followers.size(); f++) {
			if (!Boolean.parseBoolean(followers.command(f, "has " + seq))) {
				return false;
			}
		}
		return true;
	}

	private static boolean await(BooleanSupplier condition) {
		long deadline = System.nanoTime() + REACH_MILLIS * 1_000_000;
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Fleet.pause(20);
		}
		return true;
	}

	private static long subscribers(RedisServer redis, String channel) {
		return redis.commands().pubsubNumsub(channel).getOrDefault(channel, 0L);
	}

	private static void log(String message) {
		System.out.println("[benchmark] large: " + message);
	}

}
