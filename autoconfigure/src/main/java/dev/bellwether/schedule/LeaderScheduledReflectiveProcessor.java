package dev.bellwether.schedule;

import java.lang.reflect.Method;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.SimpleReflectiveProcessor;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Registers a {@link LeaderScheduled @LeaderScheduled} method for invocation and, when it
 * publishes, the type it returns for JSON binding: every instance writes and reads that
 * type with Jackson.
 */
class LeaderScheduledReflectiveProcessor extends SimpleReflectiveProcessor {

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	protected void registerMethodHint(ReflectionHints hints, Method method) {
		super.registerMethodHint(hints, method);
		LeaderScheduled annotation = AnnotatedElementUtils.findMergedAnnotation(method, LeaderScheduled.class);
		if (annotation != null && !annotation.publish().isEmpty()) {
			this.bindings.registerReflectionHints(hints, method.getGenericReturnType());
		}
	}

}
