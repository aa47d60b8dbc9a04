package dev.bellwether.autoconfigure;

import java.util.Arrays;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.bellwether.data.InvalidNameException;
import dev.bellwether.data.Names;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure caused by an invalid dataset, job or cache name: where it
 * was declared (the {@code @LeaderScheduled} method, or the code that called
 * {@code Datasets.get(...)}) and which characters a name may have.
 */
class InvalidNameFailureAnalyzer extends AbstractFailureAnalyzer<InvalidNameException> {

	private static final String LIBRARY = "dev.bellwether.data.";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidNameException cause) {
		String kind = cause.getKind().toLowerCase(Locale.ROOT);
		String where = (cause.getWhere() != null) ? " in " + cause.getWhere() : calledFrom(cause);
		String description = "Bellwether could not start. The " + kind + " name '" + cause.getName() + "'" + where
				+ " is not valid: it must match " + Names.PATTERN + ".";
		String suggestion = (cause.getName() != null) ? Names.derive(cause.getName()) : "";
		String action = "Change the " + kind + " name to " + Names.ALLOWED
				+ (suggestion.isEmpty() ? "" : ", e.g. '" + suggestion + "'") + ".";
		return new FailureAnalysis(description, action, cause);
	}

	/** The first caller outside Bellwether's data package and the JDK, if any. */
	private static String calledFrom(InvalidNameException cause) {
		StackTraceElement caller = Arrays.stream(cause.getStackTrace())
			.filter((frame) -> !isLibraryOrJdk(frame.getClassName()))
			.findFirst()
			.orElse(null);
		return (caller != null) ? " given at " + describe(caller) : "";
	}

	private static boolean isLibraryOrJdk(String className) {
		return className.startsWith(LIBRARY) || className.startsWith("java.") || className.startsWith("jdk.")
				|| className.startsWith("sun.");
	}

	private static String describe(StackTraceElement frame) {
		String className = frame.getClassName();
		String simpleName = className.substring(className.lastIndexOf('.') + 1);
		return simpleName + "." + frame.getMethodName() + location(frame.getFileName(), frame.getLineNumber());
	}

	private static String location(@Nullable String file, int line) {
		return (file != null && line > 0) ? "(" + file + ":" + line + ")" : "()";
	}

}
