package dev.bellwether.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process that cannot outlive this JVM: it runs under a small shell guard that
 * signals it as soon as this JVM's end of the guard's standard input closes, whether by
 * {@link #stop()} or because the JVM died, even by {@code kill -9}.
 */
public final class GuardedProcess {

	private final Process guard;

	private final long pid;

	private final BufferedReader output;

	private GuardedProcess(Process guard, long pid, BufferedReader output) {
		this.guard = guard;
		this.pid = pid;
		this.output = output;
	}

	/**
	 * Starts a command under a guard.
	 * @param command the command and its arguments
	 * @param signal the signal the guard sends when released, such as {@code TERM} or
	 * {@code KILL}
	 * @return the running process
	 */
	public static GuardedProcess start(List<String> command, String signal) {
		List<String> guarded = new ArrayList<>(List.of("sh", "-c",
				"\"$0\" \"$@\" </dev/null & p=$!; echo $p; read _; kill -" + signal + " $p 2>/dev/null; wait $p"));
		guarded.addAll(command);
		try {
			Process guard = new ProcessBuilder(guarded).redirectErrorStream(true).start();
			BufferedReader output = new BufferedReader(
					new InputStreamReader(guard.getInputStream(), StandardCharsets.UTF_8));
			String pid = output.readLine();
			if (pid == null) {
				throw new IOException("The guard of " + command.get(0) + " exited at once");
			}
			return new GuardedProcess(guard, Long.parseLong(pid.trim()), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The process id of the guarded command.
	 * @return the pid
	 */
	public long pid() {
		return this.pid;
	}

	/**
	 * The command's standard output and error, line by line.
	 * @return the reader
	 */
	public BufferedReader output() {
		return this.output;
	}

	/**
	 * Sends the command a signal, such as {@code STOP}, {@code CONT} or {@code QUIT}.
	 * @param name the signal's name
	 */
	public void signal(String name) {
		try {
			new ProcessBuilder("kill", "-" + name, String.valueOf(this.pid)).start().waitFor();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Whether the guarded command runs (a paused one does).
	 * @return whether it is alive
	 */
	public boolean isAlive() {
		return ProcessHandle.of(this.pid).map(ProcessHandle::isAlive).orElse(false);
	}

	/** Releases the guard, which signals the command, and waits until it has exited. */
	public void stop() {
		try {
			this.guard.getOutputStream().close();
			this.guard.waitFor();
		}
		catch (IOException ex) {
			// the guard has gone already
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
