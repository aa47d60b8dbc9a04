package dev.bellwether.sample.hedging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import dev.bellwether.data.Datasets;
import dev.bellwether.schedule.LeaderScheduled;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's {@code /actuator/prometheus} output, with every Bellwether meter in it,
 * parses with {@code promtool check metrics} (Debian package {@code prometheus}), and
 * Bellwether's own meters pass its lint too. (Some of the JVM, Tomcat and Lettuce meters
 * that Boot and Micrometer register draw lint remarks; they are not ours to rename.)
 */
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bellwether.group=prometheus-format")
class PrometheusFormatTests extends WithRedis {

	@Autowired
	Datasets datasets;

	@LocalServerPort
	int port;

	@Test
	void prometheusOutputPassesPromtool() throws Exception {
		await().until(() -> this.datasets.get("greeting", String.class).current().isPresent());
		String metrics = get("/actuator/prometheus");
		assertThat(metrics).contains("bellwether_leader ", "bellwether_leadership_changes_total",
				"bellwether_job_runs_total{", "bellwether_job_duration_seconds_count{", "bellwether_dataset_revision{",
				"bellwether_dataset_age_seconds{", "bellwether_sync_messages_total{",
				"bellwether_sync_latency_seconds_bucket{");
		Path promtool = Path.of("/usr/bin/promtool");
		Assumptions.assumeTrue(Files.isExecutable(promtool),
				"promtool is not installed: apt-get install prometheus (.ci/run installs it)");
		assertThat(promtool(promtool, metrics).exitCode()).as("the whole output parses (exit 1 is a parse error)")
			.isNotEqualTo(1);
		String ours = metrics.lines()
			.filter((line) -> line.startsWith("bellwether_") || line.startsWith("# HELP bellwether_")
					|| line.startsWith("# TYPE bellwether_"))
			.collect(Collectors.joining("\n", "", "\n"));
		Check check = promtool(promtool, ours);
		assertThat(check.report()).as("promtool on Bellwether's meters").isEmpty();
		assertThat(check.exitCode()).isZero();
	}

	private static Check promtool(Path promtool, String metrics) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
		process.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		return new Check(process.waitFor(), report);
	}

	private String get(String path) throws IOException, InterruptedException {
		return ok(this.port, path);
	}

	record Check(int exitCode, String report) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class GreetingJob {

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

	}

	static class Greeter {

		@LeaderScheduled(fixedRate = "1h", publish = "greeting")
		String greet() {
			return "hello";
		}

	}

}
