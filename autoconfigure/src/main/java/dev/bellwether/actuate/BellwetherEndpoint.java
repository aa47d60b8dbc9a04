package dev.bellwether.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.bellwether.data.FleetMembership;
import dev.bellwether.data.MemberStore;
import dev.bellwether.leader.Leadership;
import dev.bellwether.schedule.FleetScheduler;
import dev.bellwether.schedule.JobReport;
import dev.bellwether.schedule.JobStore;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/bellwether}: this instance's health details plus the fleet's jobs and
 * every live member with the revisions it holds, so one call on any instance shows who
 * lags. {@code POST /actuator/bellwether/stepdown} hands leadership over; like every
 * write operation it is off unless {@code management.endpoint.bellwether.access} is
 * {@code unrestricted}.
 */
@Endpoint(id = "bellwether", defaultAccess = Access.READ_ONLY)
public class BellwetherEndpoint {

	private final BellwetherHealthIndicator health;

	private final Leadership leadership;

	private final @Nullable FleetScheduler scheduler;

	private final @Nullable FleetMembership membership;

	/**
	 * Creates the endpoint.
	 * @param health the health indicator whose details it shows
	 * @param leadership this instance's leadership
	 * @param scheduler the jobs, if any
	 * @param membership the fleet's members, if known
	 */
	public BellwetherEndpoint(BellwetherHealthIndicator health, Leadership leadership,
			@Nullable FleetScheduler scheduler, @Nullable FleetMembership membership) {
		this.health = health;
		this.leadership = leadership;
		this.scheduler = scheduler;
		this.membership = membership;
	}

	/**
	 * Leadership, datasets, jobs and fleet.
	 * @return the report
	 */
	@ReadOperation
	public Map<String, Object> report() {
		Map<String, Object> report = this.health.details();
		report.put("jobs",
				(this.scheduler != null) ? this.scheduler.report().stream().map(this::job).toList() : List.of());
		report.put("fleet",
				(this.membership != null) ? this.membership.members().stream().map(this::member).toList() : List.of());
		return report;
	}

	/**
	 * Runs an operation: {@code stepdown} hands leadership over.
	 * @param operation the operation
	 * @return what happened
	 */
	@WriteOperation
	public Map<String, Object> operate(@Selector String operation) {
		if (!operation.equals("stepdown")) {
			throw new InvalidEndpointRequestException("Unknown operation '" + operation + "'",
					"Unknown operation: use stepdown");
		}
		boolean wasLeader = this.leadership.stepDown();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("steppedDown", wasLeader);
		result.put("nodeId", this.leadership.nodeId());
		return result;
	}

	private Map<String, Object> job(JobReport report) {
		JobStore.State record = report.record();
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("name", report.status().name());
		if (report.status().publish() != null) {
			job.put("publish", report.status().publish());
		}
		job.put("interval", report.status().interval().toString());
		putTime(job, "lastStart", record.lastStart());
		putTime(job, "lastSuccess", record.lastSuccess());
		if (record.lastError() != null) {
			job.put("lastError", record.lastError());
		}
		if (record.lastFinish() != 0) {
			job.put("outcome", (record.lastFinish() == record.lastSuccess()) ? "SUCCESS" : "FAILURE");
		}
		if (record.node() != null) {
			job.put("node", record.node());
		}
		if (report.nextRun() != null) {
			job.put("nextRun", report.nextRun().toString());
		}
		job.put("runsHere", report.status().runs());
		return job;
	}

	private Map<String, Object> member(MemberStore.Member member) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("nodeId", member.nodeId());
		details.put("role", member.role());
		details.put("epoch", member.epoch());
		details.put("revisions", member.revisions());
		putTime(details, "heartbeatAt", member.heartbeatAt());
		return details;
	}

	private static void putTime(Map<String, Object> map, String key, long epochMillis) {
		if (epochMillis != 0) {
			map.put(key, Instant.ofEpochMilli(epochMillis).toString());
		}
	}

}
