package dev.bellwether.schedule;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EmbeddedValueResolverAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.StringUtils;
import org.springframework.util.StringValueResolver;

import dev.bellwether.data.Names;

/**
 * Finds {@link LeaderScheduled} methods on beans, checks their attributes (placeholders
 * resolved) and collects them for the {@link FleetScheduler}. A bad attribute fails
 * start-up with a message that names the method.
 */
public final class LeaderScheduledBeanPostProcessor implements BeanPostProcessor, EmbeddedValueResolverAware {

	private final List<JobDefinition> jobs = new CopyOnWriteArrayList<>();

	private StringValueResolver resolver = (value) -> value;

	@Override
	public void setEmbeddedValueResolver(StringValueResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> type = AopUtils.getTargetClass(bean);
		Map<Method, LeaderScheduled> methods = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<LeaderScheduled>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, LeaderScheduled.class));
		methods.forEach((method, annotation) -> register(bean, method, annotation));
		return bean;
	}

	private void register(Object bean, Method method, LeaderScheduled annotation) {
		String where = method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
		if (method.getParameterCount() > 0) {
			throw new IllegalStateException("@LeaderScheduled method " + where + " must not take parameters");
		}
		String publish = resolve(annotation.publish());
		if (publish != null) {
			Names.check("Dataset", publish, "@LeaderScheduled(publish) on " + where);
			if (method.getReturnType() == void.class) {
				throw new IllegalStateException(
						"@LeaderScheduled method " + where + " publishes '" + publish + "' but returns nothing");
			}
		}
		String name = resolve(annotation.name());
		if (name == null) {
			name = (publish != null) ? publish : method.getDeclaringClass().getSimpleName() + ":" + method.getName();
		}
		Names.check("Job", name, "@LeaderScheduled on " + where);
		String jobName = name;
		if (this.jobs.stream().anyMatch((job) -> job.name().equals(jobName))) {
			throw new IllegalStateException("@LeaderScheduled method " + where + " uses the job name '" + jobName
					+ "' of another job: set a distinct name");
		}
		JobSchedule schedule = JobSchedule.of(annotation, this.resolver, where);
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		this.jobs.add(new JobDefinition(jobName, schedule, bean, invocable, publish));
	}

	private @Nullable String resolve(String value) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		String resolved = this.resolver.resolveStringValue(value);
		return StringUtils.hasText(resolved) ? resolved.trim() : null;
	}

	List<JobDefinition> jobs() {
		return List.copyOf(this.jobs);
	}

}
