package dev.bellwether.schedule;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.bellwether.data.FleetDatasets;
import dev.bellwether.leader.Leadership;
import dev.bellwether.spi.JobStore;
import dev.bellwether.spi.LeaderToken;
import dev.bellwether.time.ManualScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * How a {@link FleetJob} plans its runs across a change of leadership, on a manual
 * scheduler.
 */
class FleetJobHandoverTests {

	private static final LeaderToken OLD = new LeaderToken("node-0", 2);

	private static final LeaderToken NEW = new LeaderToken("node-0", 3);

	private final ManualScheduler scheduler = new ManualScheduler();

	private final Leadership leadership = mock(Leadership.class);

	private final List<LeaderToken> starts = new ArrayList<>();

	private int runs;

	private @Nullable FleetJob job;

	/**
	 * After a Redis failover, a run of the old term can still wait on the store when the
	 * new term's first run falls due; that run is coalesced into the one in progress and
	 * must still happen, under the new term, when the old one gives up.
	 */
	@Test
	void aRunDueUnderANewTermWhileTheOldTermsRunWaitsOnTheStoreStillRuns() throws Exception {
		JobStore store = new JobStore() {

			@Override
			public State read(String name) {
				long now = FleetJobHandoverTests.this.scheduler.getClock().millis();
				return new State(now, now - 500, now - 500, now - 500, null, "node-0", OLD.epoch(), false, 0);
			}

			@Override
			public Start start(LeaderToken token, String name, boolean unlessPaused) {
				FleetJobHandoverTests.this.starts.add(token);
				if (token.equals(OLD)) {
					// Leadership changes hands while this call waits on the failing-over
					// store
					FleetJob job = FleetJobHandoverTests.this.job;
					job.deactivate();
					given(FleetJobHandoverTests.this.leadership.token()).willReturn(Optional.of(NEW));
					job.activate(NEW);
					FleetJobHandoverTests.this.scheduler.runDue();
					throw new IllegalStateException("Redis command timed out");
				}
				return new Started(FleetJobHandoverTests.this.scheduler.getClock().millis());
			}

			@Override
			public void finish(LeaderToken token, String name, @Nullable String error) {
			}

			@Override
			public long requestRun(String name) {
				throw new UnsupportedOperationException();
			}

			@Override
			public void pause(String name, boolean paused) {
				throw new UnsupportedOperationException();
			}

			@Override
			public void subscribe(Listener listener) {
			}

		};
		Method method = FleetJobHandoverTests.class.getDeclaredMethod("refresh");
		JobDefinition definition = new JobDefinition("rates",
				JobSchedule.of(method.getAnnotation(LeaderScheduled.class), (value) -> value, "rates"), this, method,
				null);
		this.job = new FleetJob(definition,
				new JobCollaborators(store, this.leadership, mock(FleetDatasets.class), this.scheduler,
						new RetrySettings(0, Duration.ofMillis(20), 1, Duration.ofMillis(20)), ObservationRegistry.NOOP,
						(name, outcome) -> {
						}));
		given(this.leadership.token()).willReturn(Optional.of(OLD));
		this.job.activate(OLD);
		this.scheduler.runDue();
		assertThat(this.starts).containsExactly(OLD, NEW);
		assertThat(this.runs).isOne();
		assertThat(this.job.status().nextRun()).isNotNull();
	}

	@LeaderScheduled(fixedRate = "500ms")
	void refresh() {
		this.runs++;
	}

}
