package dev.bellwether.schedule;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Runs a method on the leader of the group, once per interval for the whole fleet. The
 * schedule belongs to the fleet: each run's start is stamped in the store, so a new
 * leader continues where the old one stopped, neither skipping nor doubling a run.
 * <p>
 * Exactly one of {@link #fixedRate}, {@link #fixedDelay} and {@link #cron} is set. Times
 * are durations such as {@code "5m"}, {@code "500ms"} or {@code "PT1H"}, and every
 * attribute may be a {@code ${…}} placeholder. With {@link #publish}, the method's return
 * value is published to that dataset on every instance ({@code null} publishes nothing).
 * <pre class="code">
 * &#64;LeaderScheduled(fixedRate = "${rates.refresh-interval:5m}", publish = "rates")
 * Rates refreshRates() {
 *     return upstream.fetchRates();
 * }
 * </pre>
 * <p>
 * Ahead-of-time processing registers the method for reflective invocation, as for
 * Spring's {@code @Scheduled}, and the type it publishes for JSON binding.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(LeaderScheduledReflectiveProcessor.class)
public @interface LeaderScheduled {

	/**
	 * Time between the starts of consecutive runs.
	 * @return a duration, or empty
	 */
	String fixedRate() default "";

	/**
	 * Time between the end of one run and the start of the next.
	 * @return a duration, or empty
	 */
	String fixedDelay() default "";

	/**
	 * A cron expression, as for Spring's {@code @Scheduled}.
	 * @return the expression, or empty
	 */
	String cron() default "";

	/**
	 * The time zone of {@link #cron}; the server's by default.
	 * @return a zone id, or empty
	 */
	String zone() default "";

	/**
	 * Time before the first run when the job has never run in the fleet.
	 * @return a duration, or empty for none
	 */
	String initialDelay() default "";

	/**
	 * The job's name in the fleet; by default the dataset named by {@link #publish}, else
	 * {@code ClassName:methodName}.
	 * @return the name, matching {@code [A-Za-z0-9._:-]{1,200}}, or empty
	 */
	String name() default "";

	/**
	 * The dataset to publish the method's return value to.
	 * @return a dataset name, or empty to publish nothing
	 */
	String publish() default "";

}
