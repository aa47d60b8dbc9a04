package dev.bellwether.schedule;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * A {@link LeaderScheduled} method found on a bean.
 *
 * @param name the job's name in the fleet
 * @param schedule when it runs
 * @param bean the bean
 * @param method the method, invocable on the bean
 * @param publish the dataset its result goes to, or {@code null}
 */
record JobDefinition(String name, JobSchedule schedule, Object bean, Method method, @Nullable String publish) {
}
