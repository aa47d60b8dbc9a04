package dev.bellwether.time;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import dev.bellwether.spi.DatasetStore;
import dev.bellwether.spi.JobStore;
import dev.bellwether.spi.LeaderStore;
import dev.bellwether.spi.LeaderToken;
import dev.bellwether.spi.Stores;

/**
 * One instance's way to real stores, with switches that make its calls fail: a fault in
 * the unit tier, not a mock. Announcements still arrive.
 */
public final class FaultyStores {

	/** How many times this instance tried to acquire leadership. */
	public final AtomicInteger acquisitions = new AtomicInteger();

	private final Stores stores;

	private volatile boolean leaderUnreachable;

	private volatile @Nullable RuntimeException publishFailure;

	private volatile boolean announcementsLost;

	private volatile boolean leaderAnnouncementsLost;

	private final Map<Call, Runnable> meanwhile = new ConcurrentHashMap<>();

	FaultyStores(Stores stores) {
		this.stores = stores;
	}

	/**
	 * Makes every leadership call of this instance fail (or work again), as a partition
	 * or a crash would: nothing it sends reaches the store.
	 * @param unreachable whether the calls fail
	 */
	public void leaderUnreachable(boolean unreachable) {
		this.leaderUnreachable = unreachable;
	}

	/**
	 * Makes every publication of this instance throw.
	 * @param failure what to throw, {@code null} to publish again
	 */
	public void publishFails(@Nullable RuntimeException failure) {
		this.publishFailure = failure;
	}

	/**
	 * Makes this instance miss every dataset announcement (or hear them again), as a
	 * message lost on the way would, while its connection stays up.
	 * @param lost whether announcements are lost
	 */
	public void announcementsLost(boolean lost) {
		this.announcementsLost = lost;
	}

	/**
	 * Makes this instance miss every leadership announcement (or hear them again): it
	 * learns of another leader only from its own calls, as after a lost message.
	 * @param lost whether leadership announcements are lost
	 */
	public void leaderAnnouncementsLost(boolean lost) {
		this.leaderAnnouncementsLost = lost;
	}

	/**
	 * Runs something once, the next time the store has answered this instance's call but
	 * the answer has not reached it yet: a reply that is slow to arrive (the action moves
	 * time), or an announcement that overtakes it.
	 * @param call the call
	 * @param action what happens meanwhile
	 */
	public void whileNextAnswerIsOnItsWay(Call call, Runnable action) {
		this.meanwhile.put(call, action);
	}

	LeaderStore leader() {
		return new Leader();
	}

	DatasetStore datasets() {
		return new Datasets();
	}

	JobStore jobs() {
		return new Jobs();
	}

	private LeaderStore reachableLeader() {
		if (this.leaderUnreachable) {
			throw new IllegalStateException("The leader store is unreachable");
		}
		return this.stores.leader();
	}

	private <T> T answered(Call call, T answer) {
		Runnable action = this.meanwhile.remove(call);
		if (action != null) {
			action.run();
		}
		return answer;
	}

	/** A leadership call. */
	public enum Call {

		/** {@link LeaderStore#tryAcquire}. */
		ACQUIRE,

		/** {@link LeaderStore#renew}. */
		RENEW,

		/** {@link JobStore#read}. */
		JOB_READ

	}

	private final class Leader implements LeaderStore {

		@Override
		public Acquisition tryAcquire(String nodeId, long minEpoch, Duration ttl) {
			FaultyStores.this.acquisitions.incrementAndGet();
			return answered(Call.ACQUIRE, reachableLeader().tryAcquire(nodeId, minEpoch, ttl));
		}

		@Override
		public boolean renew(LeaderToken token, Duration ttl) {
			return answered(Call.RENEW, reachableLeader().renew(token, ttl));
		}

		@Override
		public boolean release(LeaderToken token) {
			return reachableLeader().release(token);
		}

		@Override
		public void subscribe(Listener listener) {
			FaultyStores.this.stores.leader().subscribe(new Listener() {

				@Override
				public void elected(LeaderToken token) {
					if (!FaultyStores.this.leaderAnnouncementsLost) {
						listener.elected(token);
					}
				}

				@Override
				public void released(LeaderToken token) {
					if (!FaultyStores.this.leaderAnnouncementsLost) {
						listener.released(token);
					}
				}

			});
		}

	}

	private final class Jobs implements JobStore {

		@Override
		public State read(String name) {
			return answered(Call.JOB_READ, FaultyStores.this.stores.jobs().read(name));
		}

		@Override
		public Start start(LeaderToken token, String name, boolean unlessPaused) {
			return FaultyStores.this.stores.jobs().start(token, name, unlessPaused);
		}

		@Override
		public void finish(LeaderToken token, String name, @Nullable String error) {
			FaultyStores.this.stores.jobs().finish(token, name, error);
		}

		@Override
		public long requestRun(String name) {
			return FaultyStores.this.stores.jobs().requestRun(name);
		}

		@Override
		public void pause(String name, boolean paused) {
			FaultyStores.this.stores.jobs().pause(name, paused);
		}

		@Override
		public void subscribe(Listener listener) {
			FaultyStores.this.stores.jobs().subscribe(listener);
		}

	}

	private final class Datasets implements DatasetStore {

		@Override
		public @Nullable Entry publish(LeaderToken token, String name, byte[] payload, long minRevision) {
			RuntimeException failure = FaultyStores.this.publishFailure;
			if (failure != null) {
				throw failure;
			}
			return FaultyStores.this.stores.datasets().publish(token, name, payload, minRevision);
		}

		@Override
		public @Nullable Entry read(String name) {
			return FaultyStores.this.stores.datasets().read(name);
		}

		@Override
		public State state(List<String> names) {
			return FaultyStores.this.stores.datasets().state(names);
		}

		@Override
		public void subscribe(Listener listener) {
			FaultyStores.this.stores.datasets().subscribe(new Listener() {

				@Override
				public void received(Entry entry) {
					if (!FaultyStores.this.announcementsLost) {
						listener.received(entry);
					}
				}

				@Override
				public void malformed(String reason) {
					listener.malformed(reason);
				}

				@Override
				public void rejected(String reason) {
					listener.rejected(reason);
				}

				@Override
				public void subscribed() {
					listener.subscribed();
				}

			});
		}

	}

}
