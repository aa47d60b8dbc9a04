package dev.bellwether.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata the build writes describes every property, and the configuration reference
 * ({@code docs/configuration.md}) lists exactly those properties with their defaults, so
 * that it cannot drift from the code.
 */
class ConfigurationMetadataTests {

	private static final Pattern ROW = Pattern.compile("^\\| `(bellwether\\.[\\w.-]+)` \\| ([^|]*) \\|",
			Pattern.MULTILINE);

	private static List<Map<String, Object>> properties;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void readMetadata() throws Exception {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			properties = (List<Map<String, Object>>) JsonMapper.shared().readValue(in, Map.class).get("properties");
		}
	}

	@Test
	void everyPropertyIsDescribed() {
		assertThat(properties).extracting((p) -> p.get("name"))
			.contains("bellwether.enabled", "bellwether.group", "bellwether.node-id", "bellwether.leader.ttl",
					"bellwether.leader.renew-interval");
		assertThat(properties).allSatisfy((p) -> assertThat((String) p.get("description")).isNotBlank());
	}

	@Test
	void modeIsDeprecatedForTheMemoryStore() {
		assertThat(properties).filteredOn((p) -> p.get("name").equals("bellwether.mode"))
			.singleElement()
			.extracting((p) -> p.get("deprecation"))
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("replacement", "bellwether.store");
	}

	@Test
	void theReferenceListsEveryPropertyWithItsDefault() throws Exception {
		Map<String, String> documented = new LinkedHashMap<>();
		Matcher row = ROW.matcher(Files.readString(Path.of("..", "docs", "configuration.md")));
		while (row.find()) {
			documented.put(row.group(1), row.group(2).strip());
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		properties.stream()
			.filter((p) -> ((String) p.get("name")).startsWith("bellwether."))
			.forEach((p) -> defaults.put((String) p.get("name"), p.get("defaultValue")));
		assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(defaults.keySet());
		defaults.forEach((name, value) -> {
			if (value != null) {
				assertThat(documented.get(name)).as(name).isEqualToIgnoringCase("`" + value + "`");
			}
		});
	}

}
