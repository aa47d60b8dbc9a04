package dev.bellwether.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link RedisServer} runs beyond the defaults (plain TCP on loopback, no password,
 * nothing on disk). Immutable: every method returns a copy.
 *
 * @param password the {@code requirepass} of the default user, if any
 * @param tls the certificates to serve TLS only with, if any
 * @param replicaOf the port of the master to replicate, if any
 * @param clusterNodeTimeout the {@code cluster-node-timeout} of a cluster node, if any
 * @param sentinel whether the server runs as a Sentinel
 * @param configuration lines of the configuration file, such as {@code user} or
 * {@code sentinel monitor} lines
 */
public record RedisServerOptions(@Nullable String password, @Nullable TlsCertificates tls, @Nullable Integer replicaOf,
		@Nullable Duration clusterNodeTimeout, boolean sentinel, List<String> configuration) {

	public RedisServerOptions {
		configuration = List.copyOf(configuration);
	}

	/**
	 * A plain server.
	 * @return the default options
	 */
	public static RedisServerOptions defaults() {
		return new RedisServerOptions(null, null, null, null, false, List.of());
	}

	/**
	 * With a password for the default user ({@code requirepass}).
	 * @param password the password
	 * @return the options
	 */
	public RedisServerOptions withPassword(String password) {
		return new RedisServerOptions(password, this.tls, this.replicaOf, this.clusterNodeTimeout, this.sentinel,
				this.configuration);
	}

	/**
	 * Serving TLS only ({@code port 0}, {@code tls-port}), without client certificates.
	 * @param tls the certificates
	 * @return the options
	 */
	public RedisServerOptions withTls(TlsCertificates tls) {
		return new RedisServerOptions(this.password, tls, this.replicaOf, this.clusterNodeTimeout, this.sentinel,
				this.configuration);
	}

	/**
	 * As a replica of a master on loopback.
	 * @param masterPort the master's port
	 * @return the options
	 */
	public RedisServerOptions withReplicaOf(int masterPort) {
		return new RedisServerOptions(this.password, this.tls, masterPort, this.clusterNodeTimeout, this.sentinel,
				this.configuration);
	}

	/**
	 * As a cluster node (its bus port, {@code port + 10000}, is free too).
	 * @param nodeTimeout the {@code cluster-node-timeout}
	 * @return the options
	 */
	public RedisServerOptions withCluster(Duration nodeTimeout) {
		return new RedisServerOptions(this.password, this.tls, this.replicaOf, nodeTimeout, this.sentinel,
				this.configuration);
	}

	/**
	 * As a Sentinel ({@code --sentinel}), configured by {@code sentinel} lines.
	 * @param lines the lines, such as {@code sentinel monitor ...}
	 * @return the options
	 */
	public RedisServerOptions withSentinel(String... lines) {
		return new RedisServerOptions(this.password, this.tls, this.replicaOf, this.clusterNodeTimeout, true,
				concat(lines));
	}

	/**
	 * With ACL users beside the default user.
	 * @param users the users
	 * @return the options
	 */
	public RedisServerOptions withUsers(AclUser... users) {
		return new RedisServerOptions(this.password, this.tls, this.replicaOf, this.clusterNodeTimeout, this.sentinel,
				concat(java.util.Arrays.stream(users).map(AclUser::configurationLine).toArray(String[]::new)));
	}

	/**
	 * The command line arguments these options add after the configuration file.
	 * @param port the port the server listens on
	 * @return the arguments
	 */
	List<String> arguments(int port) {
		List<String> arguments = new ArrayList<>();
		if (this.sentinel) {
			arguments.add("--sentinel");
		}
		if (this.tls != null) {
			arguments.addAll(List.of("--port", "0", "--tls-port", String.valueOf(port), "--tls-cert-file",
					this.tls.serverCertificate().toString(), "--tls-key-file", this.tls.serverKey().toString(),
					"--tls-ca-cert-file", this.tls.caCertificate().toString(), "--tls-auth-clients", "no"));
		}
		else {
			arguments.addAll(List.of("--port", String.valueOf(port)));
		}
		if (this.password != null) {
			arguments.addAll(List.of("--requirepass", this.password));
		}
		if (this.replicaOf != null) {
			arguments.addAll(List.of("--replicaof", "127.0.0.1", String.valueOf(this.replicaOf)));
		}
		if (this.clusterNodeTimeout != null) {
			arguments.addAll(
					List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-announce-ip",
							"127.0.0.1", "--cluster-node-timeout", String.valueOf(this.clusterNodeTimeout.toMillis())));
		}
		return arguments;
	}

	private List<String> concat(String... lines) {
		List<String> all = new ArrayList<>(this.configuration);
		all.addAll(List.of(lines));
		return all;
	}

}
