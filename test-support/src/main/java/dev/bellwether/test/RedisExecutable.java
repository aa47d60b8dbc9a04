package dev.bellwether.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import redis.embedded.core.ExecutableProvider;

/**
 * The {@code redis-server} binary every {@link RedisServer} runs: the one named by the
 * system property {@value #PROPERTY} (a path, or {@code embedded} for the one shipped in
 * the embedded-redis jar), else the one on the {@code PATH}, else the embedded one.
 */
public final class RedisExecutable {

	/** The system property that chooses the binary. */
	public static final String PROPERTY = "bellwether.test.redis-server";

	private static final File FILE = locate();

	private static volatile String version;

	private static volatile Boolean tls;

	private RedisExecutable() {
	}

	/**
	 * The binary.
	 * @return the {@code redis-server} file
	 */
	public static File file() {
		return FILE;
	}

	/**
	 * The first line of {@code redis-server --version}.
	 * @return the version, such as {@code Redis server v=7.0.15 ...}
	 */
	public static String version() {
		if (version == null) {
			version = run("--version").lines().findFirst().orElse("(unknown version)").trim();
		}
		return version;
	}

	/**
	 * The binary and its version, for logs.
	 * @return a description
	 */
	public static String describe() {
		return FILE.getAbsolutePath() + " (" + version() + ")";
	}

	/**
	 * Whether the binary was built with TLS: such a build refuses a {@code tls-port}
	 * without a certificate by naming {@code tls-cert-file}, a build without TLS knows
	 * nothing of certificates.
	 * @return whether it can serve TLS
	 */
	public static boolean supportsTls() {
		if (tls == null) {
			tls = run("--port", "0", "--tls-port", String.valueOf(FreePorts.next(false)), "--save", "")
				.contains("tls-cert-file");
		}
		return tls;
	}

	private static String run(String... arguments) {
		List<String> command = new ArrayList<>(List.of(FILE.getAbsolutePath()));
		command.addAll(List.of(arguments));
		Process process = null;
		try {
			Path output = Files.createTempFile("redis-server-", ".out");
			output.toFile().deleteOnExit();
			process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
			process.getOutputStream().close();
			process.waitFor(5, TimeUnit.SECONDS);
			return Files.readString(output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
		finally {
			if (process != null) {
				process.destroyForcibly();
			}
		}
	}

	private static File locate() {
		String chosen = System.getProperty(PROPERTY, "");
		if (!chosen.isEmpty() && !"embedded".equals(chosen)) {
			return new File(chosen);
		}
		try {
			if (chosen.isEmpty()) {
				return ExecutableProvider.newExecutableInPath("redis-server").get();
			}
		}
		catch (IOException ex) {
			// fall back to the embedded binary
		}
		try {
			File file = ExecutableProvider.newJarResourceProvider().get();
			file.setExecutable(true);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No redis-server on the PATH and none in the embedded-redis jar", ex);
		}
	}

}
