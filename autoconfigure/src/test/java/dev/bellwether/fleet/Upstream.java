package dev.bellwether.fleet;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bellwether.schedule.LeaderScheduled;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A fake rate-limited upstream shared by the whole in-JVM fleet: it counts every call and
 * when it happened, and can be told to fail.
 */
public final class Upstream {

	final List<Long> calls = new CopyOnWriteArrayList<>();

	final AtomicInteger failuresToCome = new AtomicInteger();

	volatile boolean failing;

	volatile CountDownLatch gate = new CountDownLatch(0);

	Map<String, BigDecimal> fetch() {
		this.calls.add(System.nanoTime());
		try {
			this.gate.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.failing || this.failuresToCome.getAndDecrement() > 0) {
			throw new IllegalStateException("upstream unavailable");
		}
		return Map.of("EURUSD", BigDecimal.valueOf(this.calls.size()).movePointLeft(3).add(BigDecimal.ONE));
	}

	int callCount() {
		return this.calls.size();
	}

	/** A job that refreshes "rates" from the upstream at {@code test.rate}. */
	@Configuration(proxyBeanMethods = false)
	static class RatesJob {

		@Bean
		RatesRefresher ratesRefresher(Upstream upstream) {
			return new RatesRefresher(upstream);
		}

	}

	static class RatesRefresher {

		private final Upstream upstream;

		RatesRefresher(Upstream upstream) {
			this.upstream = upstream;
		}

		@LeaderScheduled(fixedRate = "${test.rate:500ms}", initialDelay = "${test.initial-delay:0s}", publish = "rates")
		Map<String, BigDecimal> refresh() {
			return this.upstream.fetch();
		}

	}

}
