package dev.bellwether.autoconfigure;

import java.util.function.Consumer;

import dev.bellwether.leader.LeaderElector;
import dev.bellwether.leader.Leadership;
import dev.bellwether.leader.LeadershipEvent;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tells the library's own components of every change of leadership: at once, on the
 * election's thread, from Bellwether's elector; as application events from a
 * {@link Leadership} of the application's own.
 */
final class LeadershipListeners {

	private LeadershipListeners() {
	}

	static void add(Leadership leadership, ApplicationContext context, Consumer<LeadershipEvent> listener) {
		if (leadership instanceof LeaderElector elector) {
			elector.addListener(listener);
		}
		else if (context instanceof ConfigurableApplicationContext configurable) {
			configurable.addApplicationListener((ApplicationListener<ApplicationEvent>) (event) -> {
				if (event instanceof LeadershipEvent change) {
					listener.accept(change);
				}
			});
		}
	}

}
