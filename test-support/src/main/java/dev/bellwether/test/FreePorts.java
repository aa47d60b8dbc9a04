package dev.bellwether.test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free local ports for the servers tests start, each handed out once per JVM, taken below
 * the range the kernel gives the local end of outgoing connections: a server that binds
 * its port seconds after it was chosen (an application that starts, a redis-server
 * restarted after a kill) would otherwise find it taken by one of the tests' own
 * connections. That happened: an instance of the chaos fleet failed to start with "Port
 * 38641 was already in use".
 */
public final class FreePorts {

	private static final int LOWEST = 10000;

	/** How far a Redis Cluster node's bus port is from its port. */
	private static final int BUS_OFFSET = 10000;

	/** The first port of the kernel's range for outgoing connections. */
	private static final int EPHEMERAL = ephemeralStart();

	/** The ports handed out, guarded by itself. */
	private static final Set<Integer> HANDED_OUT = new HashSet<>();

	private FreePorts() {
	}

	/**
	 * A port nothing listens on now, nor will be handed out again in this JVM.
	 * @return the port
	 */
	public static int next() {
		return next(false);
	}

	/**
	 * A port nothing listens on now; for a cluster node, one whose bus port
	 * ({@code port + 10000}) is free too and below the kernel's range as well.
	 * @param withBusPort whether the port is a cluster node's
	 * @return the port
	 */
	static int next(boolean withBusPort) {
		int limit = withBusPort ? EPHEMERAL - BUS_OFFSET : EPHEMERAL;
		for (int attempt = 0; attempt < 10_000; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST, limit);
			if (free(port) && (!withBusPort || free(port + BUS_OFFSET)) && handOut(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port below " + limit);
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket(port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Hands a port out once per JVM: servers started in parallel check their ports before
	 * any of them binds, so two could otherwise be given the same port, or one's port
	 * could be another's cluster bus port, and the one that lost the race would take the
	 * other's answer for its own.
	 */
	private static boolean handOut(int port) {
		synchronized (HANDED_OUT) {
			if (HANDED_OUT.contains(port) || HANDED_OUT.contains(port + BUS_OFFSET)
					|| HANDED_OUT.contains(port - BUS_OFFSET)) {
				return false;
			}
			HANDED_OUT.add(port);
			return true;
		}
	}

	/**
	 * The first port of {@code /proc/sys/net/ipv4/ip_local_port_range}, or Linux's
	 * default where it cannot be read (macOS starts higher). Never so low that no cluster
	 * port fits below it.
	 */
	private static int ephemeralStart() {
		int start = 32768;
		try {
			start = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
				.get(0)
				.trim()
				.split("\\s+")[0]);
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: keep the default
		}
		return Math.max(start, LOWEST + BUS_OFFSET + 1000);
	}

}
