package dev.bellwether.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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

import dev.bellwether.data.Datasets;

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
 * line each) and {@code exit}. It answers {@code ready} and {@code ok} on standard
 * output.
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
			default -> throw new IllegalArgumentException(system);
		};
		System.out.println("ready");
		System.out.flush();
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		Recording recording = null;
		for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
			String[] command = line.split(" ", 2);
			switch (command[0]) {
				case "profile-start" -> {
					recording = profile();
					handoffs.clear();
				}
				case "profile-stop" -> {
					recording.stop();
					recording.dump(Path.of(command[1]));
					recording.close();
					handoffs.write(Path.of(command[1] + ".handoffs"));
				}
				case "dump" -> dump(arrivals, Path.of(command[1]));
				default -> throw new IllegalArgumentException(line);
			}
			System.out.println("ok");
			System.out.flush();
		}
		receiver.close();
		System.exit(0);
	}

	private static Recording profile() throws IOException, ParseException {
		Recording recording = new Recording(Configuration.getConfiguration("profile"));
		recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
		recording.start();
		return recording;
	}

	private static void dump(Arrivals arrivals, Path file) throws IOException {
		try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
			for (long[] one : arrivals.all()) {
				out.println(one[0] + " " + one[1]);
			}
		}
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
