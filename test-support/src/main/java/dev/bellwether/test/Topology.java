package dev.bellwether.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * What the multi-process topologies share: starting servers in parallel, closing them
 * all, and waiting on their convergence.
 */
final class Topology {

	private static final Duration CONVERGENCE_TIMEOUT = Duration.ofSeconds(30);

	private Topology() {
	}

	/**
	 * Starts one server per options, in parallel; if any fails, closes the others.
	 * @param options the options of each server
	 * @return the running servers, in the order of their options
	 */
	static List<RedisServer> startAll(List<RedisServerOptions> options) {
		ExecutorService executor = Executors.newFixedThreadPool(options.size());
		try {
			List<CompletableFuture<RedisServer>> starts = options.stream()
				.map((each) -> CompletableFuture.supplyAsync(() -> RedisServer.start(each), executor))
				.toList();
			List<RedisServer> started = new ArrayList<>();
			RuntimeException failure = null;
			for (CompletableFuture<RedisServer> start : starts) {
				try {
					started.add(start.join());
				}
				catch (CompletionException ex) {
					failure = (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
				}
			}
			if (failure != null) {
				closeAll(started);
				throw failure;
			}
			return started;
		}
		finally {
			executor.shutdown();
		}
	}

	/**
	 * Closes every server, even when one fails to close.
	 * @param servers the servers
	 */
	static void closeAll(List<? extends AutoCloseable> servers) {
		for (AutoCloseable server : servers) {
			try {
				server.close();
			}
			catch (Exception ex) {
				// close the others
			}
		}
	}

	/**
	 * Waits, polling often, for a topology to converge; a failing poll is retried.
	 * @return the condition factory
	 */
	static ConditionFactory await() {
		return Awaitility.await()
			.atMost(CONVERGENCE_TIMEOUT)
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(50))
			.ignoreExceptions();
	}

	/**
	 * The {@code host:port} of each server, as Spring's Sentinel and Cluster
	 * configurations take them.
	 * @param servers the servers
	 * @return the addresses
	 */
	static List<String> addresses(List<RedisServer> servers) {
		return servers.stream().map((server) -> "127.0.0.1:" + server.port()).toList();
	}

	/**
	 * The ports of the servers, for logs.
	 * @param servers the servers
	 * @return such as {@code 41001, 41002}
	 */
	static String ports(List<RedisServer> servers) {
		return servers.stream().map((server) -> String.valueOf(server.port())).collect(Collectors.joining(", "));
	}

	/**
	 * Whether a server replicates a master with its link up, as it says itself.
	 * @param replica the server
	 * @param master the master
	 * @return whether {@code replica} is a replica of {@code master} whose link is up
	 */
	static boolean replicates(RedisServer replica, RedisServer master) {
		List<String> info = replica.commands().info("replication").lines().toList();
		return info.contains("role:slave") && info.contains("master_port:" + master.port())
				&& info.contains("master_link_status:up");
	}

	/**
	 * The server listening on a port.
	 * @param servers the servers
	 * @param port the port
	 * @return the server
	 */
	static RedisServer byPort(List<RedisServer> servers, int port) {
		return servers.stream()
			.filter((server) -> server.port() == port)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No server of this topology listens on port " + port));
	}

}
