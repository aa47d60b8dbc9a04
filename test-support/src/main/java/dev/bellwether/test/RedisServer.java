package dev.bellwether.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A real {@code redis-server} process on a free loopback port, with the faults tests
 * need: graceful stop, {@code kill -9}, pause ({@code SIGSTOP}), resume, restart and
 * flush. {@link RedisServerOptions} make it a replica, a cluster node, a Sentinel, or
 * serve TLS, with a password or ACL users.
 * <p>
 * The binary is the {@link RedisExecutable}. The server keeps nothing on disk but in its
 * own temporary directory (deleted on {@link #close()}), so a restart comes back empty.
 * It runs as a {@link GuardedProcess}, so no server outlives the test run, even when the
 * JVM is killed.
 */
public final class RedisServer implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisServer.class);

	private static final RedisClient CLIENT = RedisClient.create();

	static {
		logger.info("redis-server: " + RedisExecutable.describe());
	}

	private final int port;

	private final RedisServerOptions options;

	private final RedisProcess process;

	private @Nullable StatefulRedisConnection<String, String> admin;

	private RedisServer(int port, RedisServerOptions options) throws IOException {
		this.port = port;
		this.options = options;
		this.process = new RedisProcess(port, options);
	}

	/**
	 * Starts a new plain server on a free port and waits until it answers.
	 * @return the running server
	 */
	public static RedisServer start() {
		return start(RedisServerOptions.defaults());
	}

	/**
	 * Starts a new server on a free port and waits until it answers.
	 * @param options how it runs
	 * @return the running server
	 */
	public static RedisServer start(RedisServerOptions options) {
		UncheckedIOException last = null;
		for (int attempt = 0; attempt < 5; attempt++) {
			try {
				RedisServer server = new RedisServer(FreePorts.next(options.clusterNodeTimeout() != null), options);
				server.process.launch();
				return server;
			}
			catch (IOException ex) {
				last = new UncheckedIOException(ex);
			}
			catch (UncheckedIOException ex) {
				last = ex;
			}
		}
		throw last;
	}

	/**
	 * The port this server listens on, on 127.0.0.1.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The address of this server as a Redis URI, without credentials.
	 * @return {@code redis://127.0.0.1:<port>}, or {@code rediss://} with TLS
	 */
	public String uri() {
		return ((this.options.tls() != null) ? "rediss" : "redis") + "://127.0.0.1:" + this.port;
	}

	/**
	 * The address of this server for Lettuce, with the default user's password and TLS
	 * (without verifying the peer) when the server needs them.
	 * @return the URI
	 */
	public RedisURI redisUri() {
		RedisURI uri = RedisURI.create(uri());
		uri.setTimeout(Duration.ofSeconds(5));
		uri.setVerifyPeer(SslVerifyMode.NONE);
		String password = this.options.password();
		if (password != null) {
			uri.setCredentialsProvider(RedisCredentialsProvider.from(() -> RedisCredentials.just(null, password)));
		}
		return uri;
	}

	/**
	 * How this server runs.
	 * @return the options
	 */
	public RedisServerOptions options() {
		return this.options;
	}

	/**
	 * The process id of the running server.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Synchronous commands on an administrative connection that goes straight to this
	 * server (never through a proxy) and reconnects after a restart.
	 * @return the commands
	 */
	public synchronized RedisCommands<String, String> commands() {
		if (this.admin == null) {
			this.admin = CLIENT.connect(redisUri());
		}
		return this.admin.sync();
	}

	/** Deletes every key. */
	public void flushAll() {
		commands().flushall();
	}

	/**
	 * Stops the server gracefully ({@code SIGTERM}, even when paused) and waits until it
	 * has gone.
	 */
	public synchronized void stop() {
		if (isRunning()) {
			this.process.signal("TERM");
			this.process.signal("CONT");
		}
		this.process.stop();
	}

	/** Kills the server with {@code SIGKILL} and waits until it has gone. */
	public synchronized void kill() {
		if (isRunning()) {
			this.process.signal("KILL");
		}
		this.process.stop();
	}

	/**
	 * Freezes the server with {@code SIGSTOP}: connections stay open, nothing answers.
	 */
	public synchronized void pause() {
		this.process.signal("STOP");
	}

	/** Lets a paused server go on with {@code SIGCONT}. */
	public synchronized void resume() {
		this.process.signal("CONT");
	}

	/**
	 * Starts the server again on the same port, empty, after it was stopped or killed.
	 */
	public synchronized void restart() {
		kill();
		this.process.launch();
	}

	/**
	 * Whether the server process is alive (a paused server is alive).
	 * @return whether it runs
	 */
	public synchronized boolean isRunning() {
		return this.process.isAlive();
	}

	@Override
	public synchronized void close() {
		kill();
		if (this.admin != null) {
			this.admin.close();
			this.admin = null;
		}
		this.process.deleteDirectory();
	}

	/**
	 * The Lettuce client behind every {@link #commands()}, for other admin connections.
	 * @return the client
	 */
	static RedisClient client() {
		return CLIENT;
	}

}
