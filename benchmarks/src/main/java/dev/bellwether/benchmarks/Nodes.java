package dev.bellwether.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.redis.spring.RedisLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import dev.bellwether.autoconfigure.BellwetherAutoConfiguration;
import dev.bellwether.schedule.LeaderScheduled;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The three kinds of instance compared: each calls the upstream once a second, with
 * Bellwether, with ShedLock, or with nothing at all.
 */
final class Nodes {

	private Nodes() {
	}

	/** Bellwether: the leader calls the upstream and publishes what it got. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, BellwetherAutoConfiguration.class })
	static class BellwetherNode {

		private final AtomicLong ticks = new AtomicLong();

		private final CallLog calls;

		private final String nodeId;

		BellwetherNode(CallLog calls, @Value("${bellwether.node-id}") String nodeId) {
			this.calls = calls;
			this.nodeId = nodeId;
		}

		@LeaderScheduled(fixedRate = "1s", publish = "tick")
		Long tick() {
			this.calls.call(this.nodeId);
			return this.ticks.incrementAndGet();
		}

	}

	/** ShedLock, as its documentation recommends: @SchedulerLock on @Scheduled. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, TaskSchedulingAutoConfiguration.class })
	@EnableScheduling
	@EnableSchedulerLock(defaultLockAtMostFor = "PT10S")
	static class ShedLockNode {

		private final CallLog calls;

		private final String nodeId;

		ShedLockNode(CallLog calls, @Value("${bellwether.node-id}") String nodeId) {
			this.calls = calls;
			this.nodeId = nodeId;
		}

		@Bean
		LockProvider lockProvider(RedisConnectionFactory connectionFactory) {
			return new RedisLockProvider(connectionFactory, "bench");
		}

		@Scheduled(fixedRate = 1000)
		@SchedulerLock(name = "tick", lockAtMostFor = "PT10S", lockAtLeastFor = "PT0.9S")
		void tick() {
			this.calls.call(this.nodeId);
		}

	}

	/** No coordination: every instance calls the upstream itself. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(TaskSchedulingAutoConfiguration.class)
	@EnableScheduling
	static class PlainNode {

		private final CallLog calls;

		private final String nodeId;

		PlainNode(CallLog calls, @Value("${bellwether.node-id}") String nodeId) {
			this.calls = calls;
			this.nodeId = nodeId;
		}

		@Scheduled(fixedRate = 1000)
		void tick() {
			this.calls.call(this.nodeId);
		}

	}

	/** Bellwether alone, for reading benchmarks. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, BellwetherAutoConfiguration.class })
	static class ReaderNode {

	}

	/** The same application context as a Bellwether node, without Bellwether. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(DataRedisAutoConfiguration.class)
	static class BareNode {

	}

}
