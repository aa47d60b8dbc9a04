package dev.bellwether.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Light connections that behave as Bellwether's followers do with a value too large to
 * travel in its announcement: each subscribes to the group's channel and, told of a new
 * revision of the dataset, reads its value from Redis on a connection of its own, then
 * drops it undecoded. Two threads serve them all; each records when it had read a
 * revision whole.
 */
final class FetchingSubscribers implements AutoCloseable {

	private static final int THREADS = 2;

	private final List<Selector> selectors = new ArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	private final List<Follower> followers = new ArrayList<>();

	private final Pattern announcement;

	private final byte[] fetch;

	private volatile boolean open = true;

	/**
	 * Connects the subscribers.
	 * @param port Redis' port
	 * @param channel the group's channel
	 * @param key the dataset's key
	 * @param dataset the dataset's name
	 * @param count how many
	 */
	FetchingSubscribers(int port, String channel, String key, String dataset, int count) {
		this.announcement = Pattern.compile("\"type\":\"dataset\",\"name\":\"" + dataset + "\"[^}]*?\"rev\":(\\d+)");
		this.fetch = ("HGET " + key + " payload\r\n").getBytes(StandardCharsets.UTF_8);
		try {
			for (int i = 0; i < THREADS; i++) {
				this.selectors.add(Selector.open());
			}
			for (int i = 0; i < count; i++) {
				Selector selector = this.selectors.get(i % THREADS);
				SocketChannel subscription = connect(port);
				subscription.write(ByteBuffer.wrap(("SUBSCRIBE " + channel + "\r\n").getBytes(StandardCharsets.UTF_8)));
				SocketChannel reads = connect(port);
				Follower follower = new Follower(reads);
				subscription.configureBlocking(false);
				reads.configureBlocking(false);
				subscription.register(selector, SelectionKey.OP_READ, new Subscription(follower));
				reads.register(selector, SelectionKey.OP_READ, follower);
				this.followers.add(follower);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (Selector selector : this.selectors) {
			Thread thread = new Thread(() -> serve(selector), "fetching-subscribers");
			thread.setDaemon(true);
			thread.start();
			this.threads.add(thread);
		}
	}

	private static SocketChannel connect(int port) throws IOException {
		SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
		channel.socket().setReceiveBufferSize(1024 * 1024);
		return channel;
	}

	/**
	 * Whether every subscriber has read the given revision.
	 * @param revision the revision
	 * @return whether all have
	 */
	boolean allRead(long revision) {
		return this.followers.stream().allMatch((follower) -> follower.lastRead() >= revision);
	}

	/**
	 * When each subscriber had read each revision whole.
	 * @return {revision, wall-clock microseconds} pairs
	 */
	List<long[]> reads() {
		List<long[]> all = new ArrayList<>();
		this.followers.forEach((follower) -> all.addAll(follower.reads()));
		return all;
	}

	private void serve(Selector selector) {
		ByteBuffer buffer = ByteBuffer.allocateDirect(1024 * 1024);
		try {
			while (this.open) {
				selector.select(100);
				for (SelectionKey key : selector.selectedKeys()) {
					buffer.clear();
					int read = ((SocketChannel) key.channel()).read(buffer);
					if (read < 0) {
						key.cancel();
						continue;
					}
					buffer.flip();
					if (key.attachment() instanceof Subscription subscription) {
						subscription.received(buffer);
					}
					else {
						((Follower) key.attachment()).received(buffer);
					}
				}
				selector.selectedKeys().clear();
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	@Override
	public void close() {
		this.open = false;
		try {
			for (Thread thread : this.threads) {
				thread.join(1000);
			}
			for (Follower follower : this.followers) {
				follower.channel.close();
			}
			for (Selector selector : this.selectors) {
				selector.keys().forEach((key) -> {
					try {
						key.channel().close();
					}
					catch (IOException ex) {
						// closing anyway
					}
				});
				selector.close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A subscription: finds the dataset's announcements in what arrives. */
	private final class Subscription {

		private final Follower follower;

		private final StringBuilder pending = new StringBuilder();

		Subscription(Follower follower) {
			this.follower = follower;
		}

		void received(ByteBuffer bytes) throws IOException {
			this.pending.append(StandardCharsets.ISO_8859_1.decode(bytes));
			Matcher matcher = FetchingSubscribers.this.announcement.matcher(this.pending);
			int end = 0;
			while (matcher.find()) {
				this.follower.announced(Long.parseLong(matcher.group(1)));
				end = matcher.end();
			}
			this.pending.delete(0, Math.max(end, this.pending.length() - 4096));
		}

	}

	/**
	 * A follower's reading connection: one fetch at a time, of the newest revision told.
	 */
	private final class Follower {

		private final SocketChannel channel;

		private final List<long[]> reads = new ArrayList<>();

		private long announced;

		private long fetching = -1;

		/** Bytes of the reply still to read, or -1 while its length is not known yet. */
		private long remaining = -1;

		private final StringBuilder header = new StringBuilder();

		private volatile long lastRead;

		Follower(SocketChannel channel) {
			this.channel = channel;
		}

		void announced(long revision) throws IOException {
			this.announced = Math.max(this.announced, revision);
			if (this.fetching < 0) {
				fetch();
			}
		}

		private void fetch() throws IOException {
			this.fetching = this.announced;
			this.remaining = -1;
			this.header.setLength(0);
			ByteBuffer command = ByteBuffer.wrap(FetchingSubscribers.this.fetch);
			while (command.hasRemaining()) {
				this.channel.write(command);
			}
		}

		void received(ByteBuffer bytes) throws IOException {
			while (bytes.hasRemaining()) {
				if (this.remaining < 0) {
					char c = (char) bytes.get();
					this.header.append(c);
					if (c == '\n') {
						// "$<length>\r\n", then the value and "\r\n"; "$-1\r\n" for none
						long length = Long.parseLong(this.header.substring(1, this.header.length() - 2));
						this.remaining = (length < 0) ? 0 : length + 2;
					}
				}
				else {
					int take = (int) Math.min(this.remaining, bytes.remaining());
					bytes.position(bytes.position() + take);
					this.remaining -= take;
				}
				if (this.remaining == 0) {
					read();
				}
			}
		}

		private void read() throws IOException {
			synchronized (this.reads) {
				this.reads.add(new long[] { this.fetching, SyncPayload.nowMicros() });
			}
			this.lastRead = this.fetching;
			this.fetching = -1;
			this.remaining = -1;
			this.header.setLength(0);
			if (this.announced > this.lastRead) {
				fetch();
			}
		}

		long lastRead() {
			return this.lastRead;
		}

		List<long[]> reads() {
			synchronized (this.reads) {
				return new ArrayList<>(this.reads);
			}
		}

	}

}
