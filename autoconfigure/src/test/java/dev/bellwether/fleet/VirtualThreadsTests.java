package dev.bellwether.fleet;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.bellwether.leader.LeadershipGrantedEvent;
import dev.bellwether.schedule.LeaderScheduled;
import dev.bellwether.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code spring.threads.virtual.enabled}, a fleet's jobs, its message handling and
 * the application's callbacks (on the event lane) run on virtual threads, as Spring
 * Boot's own scheduling does. Needs Java 21 (CI's second pass runs it on Temurin 25).
 */
class VirtualThreadsTests {

	private static final Method IS_VIRTUAL = isVirtual();

	private final RedisServer redis = RedisServer.start();

	private final Threads threads = new Threads();

	private final Fleet fleet = new Fleet(this.redis, Jobs.class).share("threads", this.threads);

	@AfterEach
	void close() {
		this.fleet.close();
		this.redis.close();
	}

	@Test
	void jobsMessagesAndCallbacksRunOnVirtualThreads() {
		assumeThat(IS_VIRTUAL).as("virtual threads need Java 21 or later").isNotNull();
		this.fleet.with("spring.threads.virtual.enabled=true").start(3);
		FleetNode leader = this.fleet.awaitLeader();
		List<FleetNode> followers = this.fleet.followersOf(leader);
		followers.forEach((follower) -> follower.dataset("greeting", String.class)
			.onUpdate((greeting) -> this.threads.updates.add(Thread.currentThread())));
		await().until(() -> this.threads.updates.size() >= 2 * followers.size());
		assertThat(followers).allSatisfy(
				(follower) -> assertThat(follower.dataset("greeting", String.class).current()).contains("hello"));
		assertThat(this.threads.jobs).isNotEmpty().allSatisfy((thread) -> assertThat(isVirtual(thread)).isTrue());
		assertThat(this.threads.jobs.get(0).getName()).startsWith("bellwether-job-");
		assertThat(this.threads.updates).allSatisfy((thread) -> {
			assertThat(isVirtual(thread)).isTrue();
			assertThat(thread.getName()).startsWith("bellwether-events-");
		});
		assertThat(this.threads.grants).isNotEmpty().allSatisfy((thread) -> {
			assertThat(isVirtual(thread)).isTrue();
			assertThat(thread.getName()).startsWith("bellwether-events-");
		});
	}

	@Test
	void withoutTheSwitchEveryThreadIsAPlatformThread() {
		assumeThat(IS_VIRTUAL).as("virtual threads need Java 21 or later").isNotNull();
		this.fleet.start(2);
		this.fleet.awaitLeader();
		await().until(() -> this.threads.jobs.size() >= 2);
		assertThat(this.threads.jobs).allSatisfy((thread) -> assertThat(isVirtual(thread)).isFalse());
	}

	private static boolean isVirtual(Thread thread) {
		try {
			return (boolean) IS_VIRTUAL.invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code Thread.isVirtual()}, a Java 21 method: this module compiles for Java 17. */
	private static Method isVirtual() {
		try {
			return Thread.class.getMethod("isVirtual");
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

	/** The threads that ran jobs, applied updates and received leadership, fleet-wide. */
	static final class Threads {

		final List<Thread> jobs = new CopyOnWriteArrayList<>();

		final List<Thread> updates = new CopyOnWriteArrayList<>();

		final List<Thread> grants = new CopyOnWriteArrayList<>();

	}

	@Configuration(proxyBeanMethods = false)
	static class Jobs {

		@Bean
		Greeter greeter(Threads threads) {
			return new Greeter(threads);
		}

		@Bean
		ApplicationListener<LeadershipGrantedEvent> grantThreads(Threads threads) {
			return (event) -> threads.grants.add(Thread.currentThread());
		}

	}

	static class Greeter {

		private final Threads threads;

		Greeter(Threads threads) {
			this.threads = threads;
		}

		@LeaderScheduled(fixedRate = "200ms", publish = "greeting")
		String greet() {
			this.threads.jobs.add(Thread.currentThread());
			return "hello";
		}

	}

}
