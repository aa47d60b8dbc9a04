package dev.bellwether.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on a free loopback port that injects network faults between a client and a
 * server: it can {@link #delay(Duration) delay} every byte, {@link #blackhole()
 * blackhole} the traffic (bytes are held back, as in a partition, and flow on after
 * {@link #heal()}), or {@link #cut() cut} every connection and refuse new ones. Its
 * threads are daemons and end with {@link #close()}.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private volatile int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile long delayNanos;

	private boolean blackholed;

	private volatile boolean cut;

	private TcpProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		daemon("tcp-proxy-accept-" + port(), this::acceptLoop).start();
	}

	/**
	 * Starts a proxy to a port on 127.0.0.1.
	 * @param targetPort the port to forward to
	 * @return the running proxy
	 */
	public static TcpProxy start(int targetPort) {
		try {
			return new TcpProxy(targetPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The port clients connect to.
	 * @return the proxy's port on 127.0.0.1
	 */
	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Points the proxy at another port, as a service or DNS name in front of Redis moves
	 * to a promoted replica: every open connection is closed with a reset, and new ones
	 * reach the new target.
	 * @param port the port to forward to from now on
	 */
	public void retarget(int port) {
		if (port != this.targetPort) {
			this.targetPort = port;
			this.sockets.forEach(this::reset);
		}
	}

	/**
	 * The port the proxy forwards to.
	 * @return the target port on 127.0.0.1
	 */
	public int targetPort() {
		return this.targetPort;
	}

	/**
	 * Delays every chunk of bytes, both ways, by the given time from now on.
	 * @param delay the delay, zero for none
	 */
	public void delay(Duration delay) {
		this.delayNanos = delay.toNanos();
	}

	/**
	 * Holds back all traffic, both ways, until {@link #heal()}; connections stay open.
	 */
	public synchronized void blackhole() {
		this.blackholed = true;
	}

	/**
	 * Closes every connection with a reset and refuses new ones until {@link #heal()}.
	 */
	public void cut() {
		this.cut = true;
		this.sockets.forEach(this::reset);
	}

	/** Ends a blackhole, a cut and any delay: traffic passes again, held bytes first. */
	public synchronized void heal() {
		this.cut = false;
		this.delayNanos = 0;
		this.blackholed = false;
		notifyAll();
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		this.sockets.forEach(this::reset);
		heal();
	}

	private @Nullable Socket connectUpstream() {
		try {
			return new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private void acceptLoop() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.cut) {
					reset(client);
					continue;
				}
				Socket upstream = connectUpstream();
				if (upstream == null) {
					reset(client); // the target refused: so does the proxy, as Redis
									// would
					continue;
				}
				this.sockets.add(client);
				this.sockets.add(upstream);
				forward(client, upstream);
				forward(upstream, client);
			}
			catch (IOException ex) {
				// server closed, or the target refused: the client sees its connection
				// close
			}
		}
	}

	private void forward(Socket from, Socket to) throws IOException {
		BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
		InputStream in = from.getInputStream();
		OutputStream out = to.getOutputStream();
		String name = "tcp-proxy-" + from.getPort() + "-" + to.getPort();
		daemon(name + "-read", () -> read(in, queue, from, to)).start();
		daemon(name + "-write", () -> write(queue, out, from, to)).start();
	}

	private void read(InputStream in, BlockingQueue<Chunk> queue, Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				queue.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + this.delayNanos));
			}
		}
		catch (IOException ex) {
			// connection closed
		}
		queue.add(Chunk.END);
	}

	private void write(BlockingQueue<Chunk> queue, OutputStream out, Socket from, Socket to) {
		try {
			while (true) {
				Chunk chunk = queue.take();
				if (chunk == Chunk.END) {
					break;
				}
				awaitPassage(chunk.due());
				out.write(chunk.bytes());
				out.flush();
			}
		}
		catch (IOException ex) {
			// connection closed
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		reset(from);
		reset(to);
	}

	private synchronized void awaitPassage(long due) throws InterruptedException {
		while (this.blackholed || (this.delayNanos > 0 && System.nanoTime() < due)) {
			long waitMillis = this.blackholed ? 0 : Math.max(1, (due - System.nanoTime()) / 1_000_000);
			wait(waitMillis);
		}
	}

	private void reset(Socket socket) {
		this.sockets.remove(socket);
		try {
			socket.setSoLinger(true, 0);
			socket.close();
		}
		catch (IOException ex) {
			// closed already
		}
	}

	private static Thread daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	private record Chunk(byte[] bytes, long due) {

		static final Chunk END = new Chunk(new byte[0], 0);

	}

}
