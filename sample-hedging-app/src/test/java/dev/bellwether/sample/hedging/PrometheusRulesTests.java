package dev.bellwether.sample.hedging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.bellwether.data.Datasets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alert rules and the dashboard in {@code deploy/} name only meters that the sample's
 * {@code /actuator/prometheus} really emits, with the labels it gives them, so that a
 * renamed meter breaks this test; the rules pass their unit tests with
 * {@code promtool test rules} (Debian package {@code prometheus}); and the Prometheus
 * operator's {@code PrometheusRule} holds the same rules as the plain file.
 */
@DirtiesContext
@Import(PrometheusFormatTests.GreetingJob.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bellwether.group=prometheus-rules")
class PrometheusRulesTests extends WithRedis {

	private static final Path DEPLOY = Path.of("..", "deploy");

	private static final Path RULES = DEPLOY.resolve("prometheus/bellwether-alerts.yml");

	private static final Path RULES_TEST = DEPLOY.resolve("prometheus/bellwether-alerts-test.yml");

	private static final Path PROMETHEUS_RULE = DEPLOY.resolve("kubernetes/monitoring/bellwether-prometheus-rule.yaml");

	private static final Path DASHBOARD = DEPLOY.resolve("grafana/bellwether.json");

	/**
	 * Labels Prometheus adds to every scraped series (and renames exposed ones to
	 * exported_*).
	 */
	private static final Set<String> TARGET_LABELS = Set.of("job", "instance");

	private static final Pattern METER = Pattern.compile("\\bbellwether_[a-z_]+\\b");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

	@Autowired
	Datasets datasets;

	@LocalServerPort
	int port;

	/** The sample's /actuator/prometheus. */
	private String metrics;

	/** Label names of every series the sample emits, by metric name. */
	private Map<String, Set<String>> scraped;

	@BeforeEach
	void scrape() {
		await().until(() -> this.datasets.get("greeting", String.class).current().isPresent());
		this.metrics = await().until(() -> get("/actuator/prometheus"),
				(metrics) -> metrics.contains("bellwether_job_runs_total{"));
		this.scraped = series(this.metrics);
	}

	@Test
	void stalenessBoundIsExportedBesideTheAge() {
		// ttl 10s + renew-interval 10s / 3 + 2 × the job's interval of 1h, in seconds
		assertThat(this.metrics).contains(
				"bellwether_dataset_staleness_limit_seconds{application=\"hedging\",dataset=\"greeting\"} 7213.333");
	}

	@Test
	void alertRulesUseOnlyEmittedMeters() throws IOException {
		List<String> expressions = new ArrayList<>();
		for (Map<String, Object> group : groups(yaml(RULES))) {
			for (Map<String, Object> rule : list(group.get("rules"))) {
				expressions.add((String) rule.get("expr"));
			}
		}
		assertThat(expressions).hasSize(6);
		assertEmitted(expressions);
	}

	@Test
	void alertRuleTestsUseSeriesAsPrometheusStoresTheScrape() throws IOException {
		List<String> series = new ArrayList<>();
		for (Map<String, Object> test : list(yaml(RULES_TEST).get("tests"))) {
			for (Map<String, Object> input : list(test.get("input_series"))) {
				series.add((String) input.get("series"));
			}
		}
		assertThat(series).isNotEmpty().allSatisfy((selector) -> {
			String name = selector.substring(0, selector.indexOf('{'));
			assertThat(this.scraped).as("the sample's /actuator/prometheus").containsKey(name);
			Matcher labels = LABEL.matcher(selector);
			while (labels.find()) {
				String label = labels.group(1);
				String exposed = label.startsWith("exported_") ? label.substring("exported_".length()) : label;
				assertThat(TARGET_LABELS.contains(label) || this.scraped.get(name).contains(exposed))
					.as("label %s of %s, emitted with %s", label, name, this.scraped.get(name))
					.isTrue();
			}
		});
	}

	@Test
	void prometheusRuleOfTheOperatorHoldsTheSameRules() throws IOException {
		Map<String, Object> resource = yaml(PROMETHEUS_RULE);
		assertThat(resource).containsEntry("kind", "PrometheusRule");
		assertThat(((Map<?, ?>) resource.get("spec")).get("groups")).isEqualTo(yaml(RULES).get("groups"));
	}

	@Test
	void dashboardQueriesUseOnlyEmittedMeters() throws IOException {
		JsonNode dashboard = JsonMapper.shared().readTree(Files.readString(DASHBOARD));
		List<String> expressions = new ArrayList<>();
		dashboard.findValues("expr").forEach((expr) -> expressions.add(expr.asString()));
		dashboard.path("templating").path("list").forEach((variable) -> {
			if (variable.has("definition")) {
				expressions.add(variable.path("definition").asString());
			}
		});
		assertThat(expressions).hasSizeGreaterThanOrEqualTo(10);
		assertEmitted(expressions);
	}

	@Test
	void alertRulesPassTheirPromtoolTests() throws Exception {
		Path promtool = Path.of("/usr/bin/promtool");
		Assumptions.assumeTrue(Files.isExecutable(promtool),
				"promtool is not installed: apt-get install prometheus (.ci/run installs it)");
		Process process = new ProcessBuilder(promtool.toString(), "test", "rules", RULES_TEST.getFileName().toString())
			.directory(RULES_TEST.getParent().toFile())
			.redirectErrorStream(true)
			.start();
		String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(report).isZero();
		assertThat(report).contains("SUCCESS");
	}

	private void assertEmitted(List<String> expressions) {
		assertThat(expressions).allSatisfy((expression) -> {
			Matcher meters = METER.matcher(expression);
			assertThat(meters.find()).as("a Bellwether meter in %s", expression).isTrue();
			do {
				assertThat(this.scraped).as("the sample's /actuator/prometheus, for %s", expression)
					.containsKey(meters.group());
			}
			while (meters.find());
		});
	}

	/** Label names by metric name, from Prometheus' text format. */
	private static Map<String, Set<String>> series(String metrics) {
		Map<String, Set<String>> series = new HashMap<>();
		metrics.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).forEach((line) -> {
			int brace = line.indexOf('{');
			int space = line.indexOf(' ');
			String name = line.substring(0, (brace >= 0 && brace < space) ? brace : space);
			Set<String> labels = series.computeIfAbsent(name, (key) -> new HashSet<>());
			if (brace >= 0 && brace < space) {
				Matcher label = LABEL.matcher(line.substring(brace, line.lastIndexOf('}')));
				while (label.find()) {
					labels.add(label.group(1));
				}
			}
		});
		return series;
	}

	private static Map<String, Object> yaml(Path path) throws IOException {
		return new Yaml().load(Files.readString(path));
	}

	private static List<Map<String, Object>> groups(Map<String, Object> rules) {
		return list(rules.get("groups"));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (List<Map<String, Object>>) value;
	}

	private String get(String path) throws IOException, InterruptedException {
		return ok(this.port, path);
	}

}
