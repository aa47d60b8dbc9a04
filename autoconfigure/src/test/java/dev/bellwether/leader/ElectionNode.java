package dev.bellwether.leader;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.bellwether.redis.RedisStores;
import dev.bellwether.spi.LeaderStore;
import dev.bellwether.support.EventLane;
import dev.bellwether.test.RedisServer;
import dev.bellwether.test.TcpProxy;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import org.springframework.context.ApplicationEvent;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * One instance of a fleet in a test: its own proxy to Redis, its own connections, its own
 * listener container, store and elector, and the leadership events it published.
 */
final class ElectionNode implements AutoCloseable {

	static final ClientResources RESOURCES = ClientResources.builder()
		.reconnectDelay(Delay.constant(Duration.ofMillis(50)))
		.build();

	final TcpProxy proxy;

	final LeaderStore store;

	final LeaderElector elector;

	final List<TimedEvent> events = new CopyOnWriteArrayList<>();

	private final LettuceConnectionFactory connectionFactory;

	private final RedisMessageListenerContainer container;

	private final ThreadPoolTaskScheduler scheduler;

	ElectionNode(RedisServer redis, String group, String nodeId, Duration ttl, Duration renewInterval) {
		this.proxy = TcpProxy.start(redis.port());
		this.connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", this.proxy.port()),
				LettuceClientConfiguration.builder()
					.clientResources(RESOURCES)
					.commandTimeout(Duration.ofMillis(500))
					.build());
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		this.container = new RedisMessageListenerContainer();
		this.container.setConnectionFactory(this.connectionFactory);
		this.container.setRecoveryInterval(100);
		this.container.afterPropertiesSet();
		this.store = new RedisStores(this.connectionFactory, this.container, group, new RedisStores.Settings(0, null))
			.leader();
		this.scheduler = new ThreadPoolTaskScheduler();
		this.scheduler.setPoolSize(2);
		this.scheduler.setThreadNamePrefix(nodeId + "-");
		this.scheduler.initialize();
		this.elector = new LeaderElector(this.store, new ElectionSettings(nodeId, ttl, renewInterval),
				new EventLane(Runnable::run),
				(event) -> this.events.add(new TimedEvent(System.nanoTime(), (ApplicationEvent) event)), this.scheduler,
				Ticker.system());
	}

	ElectionNode start() {
		this.container.start();
		this.elector.start();
		return this;
	}

	List<Long> grantedEpochs() {
		return this.events.stream()
			.filter((e) -> e.event() instanceof LeadershipGrantedEvent)
			.map((e) -> ((LeadershipGrantedEvent) e.event()).getToken().epoch())
			.toList();
	}

	boolean hasEvent(Class<? extends ApplicationEvent> type) {
		return this.events.stream().anyMatch((e) -> type.isInstance(e.event()));
	}

	long lastEventNanos(Class<? extends ApplicationEvent> type) {
		return this.events.stream()
			.filter((e) -> type.isInstance(e.event()))
			.mapToLong(TimedEvent::nanos)
			.max()
			.orElseThrow();
	}

	@Override
	public void close() {
		this.proxy.heal();
		this.elector.stop();
		this.scheduler.shutdown();
		this.container.stop();
		this.connectionFactory.destroy();
		this.proxy.close();
	}

	record TimedEvent(long nanos, ApplicationEvent event) {
	}

}
