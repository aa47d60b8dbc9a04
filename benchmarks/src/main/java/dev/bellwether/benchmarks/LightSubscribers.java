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

/**
 * Connections that only subscribe, so that Redis fans each publication out to a whole
 * fleet while only a few receivers are real: one thread reads what arrives and drops it
 * unparsed.
 */
final class LightSubscribers implements AutoCloseable {

	private final Selector selector;

	private final List<SocketChannel> channels = new ArrayList<>();

	private final Thread reader;

	private volatile boolean open = true;

	LightSubscribers(int port, String channel, int count) {
		try {
			this.selector = Selector.open();
			for (int i = 0; i < count; i++) {
				SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
				socket.write(ByteBuffer.wrap(("SUBSCRIBE " + channel + "\r\n").getBytes(StandardCharsets.UTF_8)));
				socket.configureBlocking(false);
				socket.register(this.selector, SelectionKey.OP_READ);
				this.channels.add(socket);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.reader = new Thread(this::drain, "light-subscribers");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	private void drain() {
		ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
		try {
			while (this.open) {
				this.selector.select(100);
				for (SelectionKey key : this.selector.selectedKeys()) {
					buffer.clear();
					if (((SocketChannel) key.channel()).read(buffer) < 0) {
						key.cancel();
					}
				}
				this.selector.selectedKeys().clear();
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
			this.reader.join(1000);
			for (SocketChannel channel : this.channels) {
				channel.close();
			}
			this.selector.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
