package dev.bellwether.redis;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.bellwether.spi.CacheStore;
import dev.bellwether.spi.DatasetStore;
import dev.bellwether.spi.JobStore;
import dev.bellwether.spi.LeaderStore;
import dev.bellwether.spi.LoadStore;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The group's pub/sub channel, subscribed once, each message decoded as an
 * {@link Announcement} and dispatched by its kind. Anything else is reported as malformed
 * and dropped; the listener goes on.
 * <p>
 * With a {@link MessageSigner}, every message is signed and a message whose signature is
 * missing or wrong is reported as rejected and dropped. The scripts then return their
 * announcement instead of publishing it, and it is signed and published from here: the
 * announcement holds what only the script knows (revision, store, time, epoch), and a
 * signature must cover all of it, or another client could replay a signed payload under a
 * revision that no later one can pass.
 */
final class RedisChannel implements MessageListener, SubscriptionListener {

	private final JsonMapper json = JsonMapper.shared();

	private final List<LeaderStore.Listener> leaderListeners = new CopyOnWriteArrayList<>();

	private final List<DatasetStore.Listener> datasetListeners = new CopyOnWriteArrayList<>();

	private final List<CacheStore.Listener> cacheListeners = new CopyOnWriteArrayList<>();

	private final List<JobStore.Listener> jobListeners = new CopyOnWriteArrayList<>();

	private final List<LoadStore.Listener> loadListeners = new CopyOnWriteArrayList<>();

	private final RedisCalls redis;

	private final Duration publishTimeout;

	private final byte[] channel;

	private final @Nullable MessageSigner signer;

	/**
	 * Subscribes to the group's channel.
	 * @param container the container that receives it
	 * @param keys the group's keys
	 * @param redis the calls to publish signed announcements with
	 * @param publishTimeout how long publishing a signed announcement may take
	 * @param signer how announcements are signed, {@code null} for not at all
	 */
	RedisChannel(RedisMessageListenerContainer container, RedisKeys keys, RedisCalls redis, Duration publishTimeout,
			@Nullable MessageSigner signer) {
		this.redis = redis;
		this.publishTimeout = publishTimeout;
		this.channel = Scripts.bytes(keys.channel());
		this.signer = signer;
		container.addMessageListener(this, new ChannelTopic(keys.channel()));
	}

	/**
	 * The argument that tells a script whether to return its announcement for signing
	 * ({@code 1}) or to publish it itself ({@code 0}).
	 * @return {@code 1} or {@code 0}
	 */
	String returnAnnouncement() {
		return signs() ? "1" : "0";
	}

	/**
	 * Whether announcements are signed.
	 * @return {@code true} with a signing key
	 */
	boolean signs() {
		return this.signer != null;
	}

	/**
	 * Signs and publishes an announcement a script returned.
	 * @param announcement the announcement
	 */
	void announce(String announcement) {
		ByteBuffer signed = ByteBuffer.wrap(sign(announcement));
		this.redis.call("announce", this.publishTimeout,
				(redis) -> redis.getConnectionFactory()
					.getReactiveConnection()
					.pubSubCommands()
					.publish(ByteBuffer.wrap(this.channel), signed));
	}

	/**
	 * An announcement as it travels: signed when this channel signs.
	 * @param announcement the announcement
	 * @return its bytes
	 */
	byte[] sign(String announcement) {
		byte[] message = Scripts.bytes(announcement);
		return (this.signer != null) ? this.signer.sign(message) : message;
	}

	void subscribe(LeaderStore.Listener listener) {
		this.leaderListeners.add(listener);
	}

	void subscribe(DatasetStore.Listener listener) {
		this.datasetListeners.add(listener);
	}

	void subscribe(CacheStore.Listener listener) {
		this.cacheListeners.add(listener);
	}

	void subscribe(JobStore.Listener listener) {
		this.jobListeners.add(listener);
	}

	void subscribe(LoadStore.Listener listener) {
		this.loadListeners.add(listener);
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		byte[] body = message.getBody();
		if (this.signer != null) {
			byte[] verified = this.signer.verify(body);
			if (verified == null) {
				rejected("a message of " + body.length
						+ " bytes that is not signed with bellwether.security.signing-key");
				return;
			}
			body = verified;
		}
		else if (MessageSigner.isSigned(body)) {
			rejected("a signed message of " + body.length + " bytes, and this instance has no"
					+ " bellwether.security.signing-key: set the group's key on every instance");
			return;
		}
		Announcement announcement = Announcement.decode(this.json, body);
		if (announcement instanceof Announcement.DatasetRevision revision) {
			this.datasetListeners.forEach((listener) -> listener.received(revision.entry()));
		}
		else if (announcement instanceof Announcement.CacheChange change) {
			this.cacheListeners.forEach((listener) -> listener.changed(change.entry()));
		}
		else if (announcement instanceof Announcement.LoadChange change) {
			this.loadListeners.forEach((listener) -> listener.changed(change.change()));
		}
		else if (announcement instanceof Announcement.JobChange change) {
			this.jobListeners.forEach((listener) -> listener.changed(change.control()));
		}
		else if (announcement instanceof Announcement.Elected elected) {
			this.leaderListeners.forEach((listener) -> listener.elected(elected.leader()));
		}
		else if (announcement instanceof Announcement.Released released) {
			this.leaderListeners.forEach((listener) -> listener.released(released.leader()));
		}
		else if (announcement instanceof Announcement.Malformed malformed) {
			malformed(malformed.reason());
		}
	}

	private void rejected(String reason) {
		this.datasetListeners.forEach((listener) -> listener.rejected(reason));
	}

	private void malformed(String reason) {
		this.datasetListeners.forEach((listener) -> listener.malformed(reason));
	}

	@Override
	public void onChannelSubscribed(byte[] channel, long count) {
		this.datasetListeners.forEach(DatasetStore.Listener::subscribed);
		this.loadListeners.forEach(LoadStore.Listener::resubscribed);
	}

}
