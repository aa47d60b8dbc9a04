package dev.bellwether.schedule;

import io.micrometer.observation.ObservationRegistry;

import dev.bellwether.data.FleetDatasets;
import dev.bellwether.leader.Leadership;
import dev.bellwether.spi.JobStore;

import org.springframework.scheduling.TaskScheduler;

/**
 * What jobs work with.
 *
 * @param store the fleet's job records
 * @param leadership this instance's leadership
 * @param datasets where results are published
 * @param scheduler where runs are planned, and the clock they are planned by
 * @param retry how failed runs are retried
 * @param observations where runs are observed
 * @param listener who is told of every run's end
 */
record JobCollaborators(JobStore store, Leadership leadership, FleetDatasets datasets, TaskScheduler scheduler,
		RetrySettings retry, ObservationRegistry observations, JobListener listener) {
}
