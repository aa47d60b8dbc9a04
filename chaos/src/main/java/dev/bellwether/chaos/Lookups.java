package dev.bellwether.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import dev.bellwether.chaos.Fleet.Instance;

/**
 * Asks the fleet, on one thread, for the terms of customers outside the daily batch,
 * which the sample looks up on demand behind {@code @Cacheable}: every 100 ms a random
 * instance for a random one of {@link #CUSTOMERS} customers, so that a key is asked for
 * on several instances within its time to live and the upstream's calls show how often
 * the fleet loaded it. An unanswered request (an instance paused, crashed or starting) is
 * skipped.
 */
final class Lookups implements AutoCloseable {

	static final int CUSTOMERS = 30;

	/** How often a customer is asked for; {@link Report} says it. */
	static final Duration PACE = Duration.ofMillis(100);

	private final Thread thread;

	private volatile boolean running = true;

	Lookups(List<Instance> instances, long seed) {
		Random random = new Random(seed);
		this.thread = new Thread(() -> {
			while (this.running) {
				Instance instance = instances.get(random.nextInt(instances.size()));
				String customer = "D%04d".formatted(1 + random.nextInt(CUSTOMERS));
				try {
					instance.process.send("GET", "/api/terms/" + customer, null, Duration.ofSeconds(2));
				}
				catch (IOException | RuntimeException ex) {
					// not answering: the next one
				}
				try {
					Thread.sleep(PACE.toMillis());
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "lookups");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
		try {
			this.thread.join(Duration.ofSeconds(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
