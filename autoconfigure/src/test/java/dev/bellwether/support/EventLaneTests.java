package dev.bellwether.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event lane: one callback at a time in the order handed in, never on the caller's
 * thread when it has an executor of its own, only the newest of a key waiting, failures
 * counted.
 */
class EventLaneTests {

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final EventLane lane = new EventLane(this.executor);

	private final List<String> ran = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.lane.close();
		this.executor.shutdownNow();
	}

	@Test
	void callbacksRunInOrderOffTheCallersThread() {
		Thread caller = Thread.currentThread();
		List<Thread> threads = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 100; i++) {
			String name = String.valueOf(i);
			this.lane.deliver(() -> {
				threads.add(Thread.currentThread());
				this.ran.add(name);
			});
		}
		await().until(() -> this.ran.size() == 100);
		assertThat(this.ran).isEqualTo(IntStream.range(0, 100).mapToObj(String::valueOf).toList());
		assertThat(threads).doesNotContain(caller);
	}

	@Test
	void onlyTheNewestCallbackOfAKeyWaitsBehindASlowOne() throws InterruptedException {
		CountDownLatch slow = blockTheLane();
		this.lane.deliverLatest("rates", () -> this.ran.add("rates 1"));
		this.lane.deliver(() -> this.ran.add("granted"));
		this.lane.deliverLatest("rates", () -> this.ran.add("rates 2"));
		this.lane.deliverLatest("terms", () -> this.ran.add("terms 1"));
		this.lane.deliverLatest("rates", () -> this.ran.add("rates 3"));
		slow.countDown();
		await().until(() -> this.ran.size() == 4);
		assertThat(this.ran).containsExactly("blocker", "rates 3", "granted", "terms 1");
	}

	@Test
	void callbackHandedInByACallbackRunsAfterIt() {
		this.lane.deliver(() -> {
			this.ran.add("granted");
			this.lane.deliver(() -> this.ran.add("revoked"));
			this.ran.add("granted, after stepping down");
		});
		await().until(() -> this.ran.size() == 3);
		assertThat(this.ran).containsExactly("granted", "granted, after stepping down", "revoked");
	}

	@Test
	void callbackHandedInByACallbackRunsAfterItOnTheCallersThreadToo() {
		EventLane direct = new EventLane(Runnable::run);
		direct.deliver(() -> {
			this.ran.add("granted");
			direct.deliver(() -> this.ran.add("revoked"));
			this.ran.add("granted, after stepping down");
		});
		assertThat(this.ran).containsExactly("granted", "granted, after stepping down", "revoked");
	}

	@Test
	void failingCallbackIsCountedAndTheLaneGoesOn() {
		this.lane.deliver(() -> {
			throw new IllegalStateException("listener bug");
		});
		this.lane.deliver(() -> this.ran.add("next"));
		await().until(() -> this.ran.size() == 1);
		assertThat(this.lane.failures()).isOne();
	}

	@Test
	void closedLaneDropsWhatWaitsAndTakesNothingMore() throws InterruptedException {
		CountDownLatch slow = blockTheLane();
		this.lane.deliver(() -> this.ran.add("waiting"));
		this.lane.close();
		this.lane.deliver(() -> this.ran.add("after close"));
		slow.countDown();
		await().during(Duration.ofMillis(200)).until(() -> this.ran.equals(List.of("blocker")));
	}

	/** Hands in a callback that holds the lane until the returned latch opens. */
	private CountDownLatch blockTheLane() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.lane.deliver(() -> {
			this.ran.add("blocker");
			started.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		return release;
	}

}
