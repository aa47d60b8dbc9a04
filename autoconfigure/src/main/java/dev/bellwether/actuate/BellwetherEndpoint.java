package dev.bellwether.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.bellwether.data.FleetMembership;
import dev.bellwether.leader.Leadership;
import dev.bellwether.schedule.FleetScheduler;
import dev.bellwether.schedule.JobReport;
import dev.bellwether.schedule.JobStatus;
import dev.bellwether.schedule.Jobs;
import dev.bellwether.schedule.RunRequest;
import dev.bellwether.spi.JobStore;
import dev.bellwether.spi.MemberStore;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.MimeType;

/**
 * {@code /actuator/bellwether}: this instance's health details plus the fleet's jobs and
 * every live member with the revisions it holds, so one call on any instance shows who
 * lags. When the store does not answer, it still answers with what this instance holds:
 * each job as this instance knows it, with {@code recordUnknown}, and an empty
 * {@code fleet} with {@code fleetUnknown}, each giving the reason.
 * {@code POST /actuator/bellwether/stepdown} hands leadership over; {@code POST
 * /actuator/bellwether/{job}/run}, {@code …/pause} and {@code …/resume} operate a job
 * fleet-wide (see {@link dev.bellwether.schedule.Jobs}), from any instance. Like every
 * write operation they are off unless {@code management.endpoint.bellwether.access} is
 * {@code unrestricted}.
 */
@Endpoint(id = "bellwether", defaultAccess = Access.READ_ONLY)
public class BellwetherEndpoint {

	private static final Log logger = LogFactory.getLog(BellwetherEndpoint.class);

	private static final MimeType PROBLEM_JSON = MimeType.valueOf("application/problem+json");

	private final BellwetherHealthIndicator health;

	private final Leadership leadership;

	private final @Nullable FleetScheduler scheduler;

	private final @Nullable Jobs jobs;

	private final @Nullable FleetMembership membership;

	/**
	 * Creates the endpoint.
	 * @param health the health indicator whose details it shows
	 * @param leadership this instance's leadership
	 * @param scheduler the jobs this instance runs, if any, for their reports
	 * @param jobs the fleet-wide operations on them, if any
	 * @param membership the fleet's members, if known
	 */
	public BellwetherEndpoint(BellwetherHealthIndicator health, Leadership leadership,
			@Nullable FleetScheduler scheduler, @Nullable Jobs jobs, @Nullable FleetMembership membership) {
		this.health = health;
		this.leadership = leadership;
		this.scheduler = scheduler;
		this.jobs = jobs;
		this.membership = membership;
	}

	/**
	 * Leadership, datasets, jobs and fleet.
	 * @return the report
	 */
	@ReadOperation
	public Map<String, Object> report() {
		Map<String, Object> report = this.health.details();
		report.put("jobs", jobs());
		List<Map<String, Object>> fleet = List.of();
		if (this.membership != null) {
			try {
				fleet = this.membership.members().stream().map(this::member).toList();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not read the fleet's members", ex);
				report.put("fleetUnknown", reason(ex));
			}
		}
		report.put("fleet", fleet);
		return report;
	}

	/**
	 * Each job as the fleet's record has it, or, when the store does not answer, as this
	 * instance knows it, with the reason the record is unknown.
	 */
	private List<Map<String, Object>> jobs() {
		FleetScheduler jobs = this.scheduler;
		if (jobs == null) {
			return List.of();
		}
		try {
			return jobs.report().stream().map(this::job).toList();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the jobs' records", ex);
			String reason = reason(ex);
			return jobs.jobs().stream().map((status) -> {
				Map<String, Object> job = status(status);
				job.put("paused", status.paused());
				job.put("recordUnknown", reason);
				if (status.nextRun() != null) {
					job.put("nextRun", status.nextRun().toString());
				}
				putHere(job, status);
				return job;
			}).toList();
		}
	}

	private static String reason(RuntimeException ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
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

	/**
	 * Operates a job fleet-wide: {@code run} requests one run now on the leader (202, the
	 * request's acknowledgement, not the run's outcome), {@code pause} and {@code resume}
	 * (200). An unknown job is a 404, an unknown action a 400, each with a problem detail
	 * ({@code application/problem+json}).
	 * @param job the job's name
	 * @param action {@code run}, {@code pause} or {@code resume}
	 * @return what was done
	 */
	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> operate(@Selector String job, @Selector String action) {
		Jobs jobs = this.jobs;
		if (jobs == null || !jobs.names().contains(job)) {
			return problem(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found",
					"No @LeaderScheduled job is named '" + job + "'");
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("job", job);
		result.put("action", action);
		switch (action) {
			case "run" -> {
				RunRequest request = jobs.runNow(job);
				result.put("requestedAt", request.requestedAt().toString());
				result.put("paused", request.paused());
				return new WebEndpointResponse<>(result, 202);
			}
			case "pause" -> jobs.pause(job);
			case "resume" -> jobs.resume(job);
			default -> {
				return problem(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request",
						"Unknown action '" + action + "': use run, pause or resume");
			}
		}
		result.put("paused", action.equals("pause"));
		return new WebEndpointResponse<>(result, WebEndpointResponse.STATUS_OK);
	}

	/** An RFC 9457 problem detail. */
	private static WebEndpointResponse<Map<String, Object>> problem(int status, String title, String detail) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		return new WebEndpointResponse<>(problem, status, PROBLEM_JSON);
	}

	/** What every view of a job begins with. */
	private static Map<String, Object> status(JobStatus status) {
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("name", status.name());
		if (status.publish() != null) {
			job.put("publish", status.publish());
		}
		job.put("interval", status.interval().toString());
		return job;
	}

	private Map<String, Object> job(JobReport report) {
		JobStore.State record = report.record();
		Map<String, Object> job = status(report.status());
		job.put("paused", record.paused());
		putTime(job, "runRequested", record.runRequested());
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
		putHere(job, report.status());
		return job;
	}

	/** How the job's runs ended on this instance. */
	private static void putHere(Map<String, Object> job, JobStatus status) {
		job.put("runsHere", status.runs());
		if (status.lastOutcome() != null) {
			job.put("lastOutcomeHere", status.lastOutcome().name());
		}
		if (status.lastError() != null) {
			job.put("lastErrorHere", status.lastError());
		}
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
