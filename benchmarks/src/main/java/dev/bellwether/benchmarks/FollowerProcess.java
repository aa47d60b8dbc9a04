package dev.bellwether.benchmarks;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.jspecify.annotations.Nullable;

import dev.bellwether.data.Datasets;
import dev.bellwether.leader.Leadership;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * One receiver in a JVM of its own: {@code floor}, {@code peer} or {@code bellwether},
 * with its client's defaults. It records every value it holds and answers commands on
 * standard input, one a line: {@code profile-start}, {@code profile-stop FILE} (a JFR
 * recording of what it did in between, and, for Bellwether, the listener hand-offs in
 * {@code FILE.handoffs}), {@code dump FILE} (publication and latency in microseconds, a
 * line each), {@code has SEQ} (whether it holds that publication), {@code usage-reset},
 * {@code usage} (CPU milliseconds since the reset and the heap's peak in bytes),
 * {@code step-down} (if it leads) and {@code exit}. It answers {@code ready}, and
 * {@code ok} and the answer, on standard output. A {@code book} receiver is a Bellwether
 * follower of the large-dataset benchmark's {@link Book}.
 */
public final class FollowerProcess {

	private FollowerProcess() {
	}

	public static void main(String[] args) throws Exception {
		String system = args[0];
		String redisUri = args[1];
		String nodeId = args[2];
		Arrivals arrivals = new Arrivals();
		Handoffs handoffs = new Handoffs();
		AutoCloseable receiver = switch (system) {
			case "floor" -> floor(redisUri, arrivals);
			case "peer" -> peer(redisUri, arrivals);
			case "bellwether" -> bellwether(redisUri, nodeId, arrivals, handoffs);
			case "book" -> book(redisUri, nodeId, arrivals);
			default -> throw new IllegalArgumentException(system);
		};
		Profile profile = new Profile(handoffs);
		ChildProcess.serve((name, argument) -> switch (name) {
			case "profile-start" -> profile.start();
			case "profile-stop" -> profile.stop(Path.of(argument));
			case "dump" -> dump(arrivals, Path.of(argument));
			case "has" -> String.valueOf(arrivals.has(Long.parseLong(argument)));
			case "usage-reset" -> Usage.reset();
			case "usage" -> Usage.now();
			case "step-down" -> stepDown(receiver);
			default -> throw new IllegalArgumentException(name);
		});
		receiver.close();
		System.exit(0);
	}

	/** A JFR recording of what this JVM does between a start and a stop. */
	private static final class Profile {

		private final Handoffs handoffs;

		private @Nullable Recording recording;

		Profile(Handoffs handoffs) {
			this.handoffs = handoffs;
		}

		String start() throws IOException, ParseException {
			Recording recording = new Recording(Configuration.getConfiguration("profile"));
			recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
			recording.start();
			this.recording = recording;
			this.handoffs.clear();
			return "";
		}

		String stop(Path file) throws IOException {
			Recording recording = this.recording;
			if (recording == null) {
				throw new IllegalStateException("No recording was started");
			}
			recording.stop();
			recording.dump(file);
			recording.close();
			this.handoffs.write(Path.of(file + ".handoffs"));
			return "";
		}

	}

	private static String dump(Arrivals arrivals, Path file) throws IOException {
		try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
			for (long[] one : arrivals.all()) {
				out.println(one[0] + " " + one[1]);
			}
		}
		return "";
	}

	private static AutoCloseable floor(String redisUri, Arrivals arrivals) {
		RedisClient client = RedisClient.create(redisUri);
		StatefulRedisPubSubConnection<String, byte[]> connection = FloorSubject.subscribe(client, arrivals);
		return () -> {
			connection.close();
			client.shutdown();
		};
	}

	private static AutoCloseable peer(String redisUri, Arrivals arrivals) {
		RedissonClient client = Redisson.create(PeerSubject.config(redisUri));
		PeerSubject.listen(PeerSubject.map(client), arrivals);
		return client::shutdown;
	}

	private static AutoCloseable bellwether(String redisUri, String nodeId, Arrivals arrivals, Handoffs handoffs) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Nodes.ReaderNode.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.initializers((ctx) -> ctx.getBeanFactory().addBeanPostProcessor(handoffs))
			.run(Fleet.arguments(redisUri, nodeId).toArray(String[]::new));
		BellwetherSubject.record(context.getBean(Datasets.class).get(BellwetherSubject.DATASET, SyncPayload.class),
				arrivals);
		return context;
	}

	private static AutoCloseable book(String redisUri, String nodeId, Arrivals arrivals) {
		List<String> arguments = Fleet.arguments(redisUri, nodeId);
		arguments.add("--bellwether.sync.max-payload-size=" + LargeBench.MAX_PAYLOAD);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Nodes.ReaderNode.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run(arguments.toArray(String[]::new));
		context.getBean(Datasets.class)
			.get(LargeBench.DATASET, Book.class)
			.onUpdate((book) -> arrivals.record(book.seq(), SyncPayload.nowMicros() - book.sentMicros()));
		return context;
	}

	private static String stepDown(AutoCloseable receiver) {
		if (receiver instanceof ConfigurableApplicationContext context) {
			Leadership leadership = context.getBean(Leadership.class);
			if (leadership.isLeader()) {
				leadership.stepDown();
			}
		}
		return "";
	}

	/** What this JVM used: CPU time, and the heap's peak since the last reset. */
	private static final class Usage {

		private static long cpuAtReset;

		static String reset() {
			cpuAtReset = cpu();
			ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter((pool) -> pool.getType() == MemoryType.HEAP)
				.forEach(MemoryPoolMXBean::resetPeakUsage);
			return "";
		}

		/** CPU milliseconds since the reset, and the heap's peak in bytes. */
		static String now() {
			long peak = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter((pool) -> pool.getType() == MemoryType.HEAP)
				.mapToLong((pool) -> pool.getPeakUsage().getUsed())
				.sum();
			return ((cpu() - cpuAtReset) / 1_000_000) + " " + peak;
		}

		private static long cpu() {
			return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
				.getProcessCpuTime();
		}

	}

	/**
	 * Times the hand-off from Lettuce's event loop to Bellwether's listener thread: how
	 * long each message waited for that thread, and how long the listener then ran.
	 */
	static final class Handoffs implements BeanPostProcessor {

		private final List<long[]> recorded = new ArrayList<>();

		@Override
		public Object postProcessBeforeInitialization(Object bean, String beanName) {
			if (bean instanceof ThreadPoolTaskExecutor executor && beanName.equals("bellwetherListenerExecutor")) {
				executor.setTaskDecorator((task) -> {
					long submitted = System.nanoTime();
					return () -> {
						long started = System.nanoTime();
						try {
							task.run();
						}
						finally {
							record((started - submitted) / 1000, (System.nanoTime() - started) / 1000);
						}
					};
				});
			}
			return bean;
		}

		private synchronized void record(long waitedMicros, long ranMicros) {
			this.recorded.add(new long[] { waitedMicros, ranMicros });
		}

		synchronized void clear() {
			this.recorded.clear();
		}

		synchronized void write(Path file) throws IOException {
			try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
				for (long[] one : this.recorded) {
					out.println(one[0] + " " + one[1]);
				}
			}
		}

	}

}
