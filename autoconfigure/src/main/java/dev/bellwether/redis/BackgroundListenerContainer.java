package dev.bellwether.redis;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bellwether.support.Durations;

import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * A listener container that subscribes in the background and never holds up its
 * application on Redis: {@link #start()} returns at once and keeps trying, with the
 * recovery back-off, until the subscription is made (so an application whose Redis is
 * down starts, and listens once Redis answers), and {@link #stop()} waits for the
 * unsubscription at most a short bound.
 */
final class BackgroundListenerContainer extends RedisMessageListenerContainer {

	private static final Log logger = LogFactory.getLog(BackgroundListenerContainer.class);

	private final Duration stopTimeout;

	private BackOff backOff;

	// Guarded by this.
	private boolean running;

	private @Nullable Thread starter;

	/** Why the first attempt was refused access, a misconfiguration start-up reports. */
	private volatile @Nullable RuntimeException refused;

	/**
	 * Creates a container.
	 * @param backOff how long to wait between attempts to subscribe
	 * @param stopTimeout how long {@link #start()} waits for the first attempt to
	 * subscribe and {@link #stop()} for the unsubscription
	 */
	BackgroundListenerContainer(BackOff backOff, Duration stopTimeout) {
		this.backOff = backOff;
		this.stopTimeout = stopTimeout;
		setRecoveryBackoff(backOff);
	}

	@Override
	public void setRecoveryBackoff(BackOff recoveryInterval) {
		super.setRecoveryBackoff(recoveryInterval);
		this.backOff = recoveryInterval;
	}

	/**
	 * Starts subscribing in the background and waits for the first attempt, at most the
	 * stop timeout: when Redis answers, the container listens once this returns, as a
	 * plain container does; when it does not, the application starts anyway. When Redis
	 * answers but refuses the credentials or the subscription, that is a
	 * misconfiguration, not an outage: start-up fails with what to change.
	 * @throws RedisAccessDeniedException if Redis refused access to the first attempt
	 */
	@Override
	public void start() {
		CountDownLatch attempted = new CountDownLatch(1);
		synchronized (this) {
			if (this.running) {
				return;
			}
			this.running = true;
			Thread thread = new Thread(() -> subscribe(attempted), "bellwether-subscriber");
			thread.setDaemon(true);
			this.starter = thread;
			thread.start();
		}
		try {
			attempted.await(this.stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		RuntimeException refusal = this.refused;
		if (refusal != null) {
			stop();
			throw refusal;
		}
	}

	private void subscribe(CountDownLatch attempted) {
		BackOffExecution backOff = this.backOff.start();
		boolean failing = false;
		while (isRunning()) {
			try {
				super.start();
				attempted.countDown();
				if (failing) {
					logger.info("Subscribed to Redis; announcements are received again");
				}
				return;
			}
			catch (RuntimeException ex) {
				// Resets the container's own state for the next attempt.
				super.stop(() -> {
				});
				RuntimeException explained = RedisErrors.explain(ex);
				if (attempted.getCount() > 0 && explained instanceof RedisAccessDeniedException) {
					this.refused = explained;
					attempted.countDown();
					return;
				}
				attempted.countDown();
				long wait = backOff.nextBackOff();
				if (!failing) {
					logger.warn("Could not subscribe to Redis; retrying in the background", explained);
				}
				failing = true;
				if (!pause((wait != BackOffExecution.STOP) ? wait : 5000)) {
					return;
				}
			}
		}
	}

	private synchronized boolean pause(long millis) {
		long until = System.nanoTime() + Duration.ofMillis(millis).toNanos();
		try {
			for (long left = millis; this.running && left > 0; left = (until - System.nanoTime()) / 1_000_000) {
				wait(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		return this.running;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	/**
	 * Stops subscribing and unsubscribes, waiting for Redis at most the stop timeout: the
	 * connection is closed with the connection factory anyway.
	 */
	@Override
	public void stop(Runnable callback) {
		Thread thread;
		synchronized (this) {
			if (!this.running) {
				callback.run();
				return;
			}
			this.running = false;
			thread = this.starter;
			this.starter = null;
			notifyAll();
		}
		Thread stopper = new Thread(() -> {
			if (thread != null) {
				thread.interrupt();
			}
			super.stop(() -> {
			});
		}, "bellwether-unsubscriber");
		stopper.setDaemon(true);
		stopper.start();
		try {
			stopper.join(this.stopTimeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (stopper.isAlive()) {
			logger.warn("Redis did not confirm the unsubscription within " + Durations.format(this.stopTimeout)
					+ "; stopping anyway");
		}
		callback.run();
	}

}
