package dev.bellwether.autoconfigure;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationMetadataTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyPropertyIsDocumented() throws Exception {
		Map<String, Object> metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = JsonMapper.shared().readValue(in, Map.class);
		}
		List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
		assertThat(properties).extracting((p) -> p.get("name"))
			.contains("bellwether.enabled", "bellwether.group", "bellwether.node-id", "bellwether.leader.ttl",
					"bellwether.leader.renew-interval");
		assertThat(properties).allSatisfy((p) -> assertThat((String) p.get("description")).isNotBlank());
	}

}
