package dev.bellwether.autoconfigure;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bellwether.schedule.LeaderScheduled;
import dev.bellwether.spi.MemberStore;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What ahead-of-time processing records for Bellwether, checked with
 * {@link RuntimeHintsPredicates}: the registrar's own hints, and those of a whole
 * application context processed as {@code process-aot} does.
 */
class BellwetherRuntimeHintsTests {

	@Test
	void registersEveryLuaScript() throws IOException {
		RuntimeHints hints = new RuntimeHints();
		new BellwetherRuntimeHints().registerHints(hints, getClass().getClassLoader());
		Resource[] scripts = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:dev/bellwether/redis/**/*.lua");
		assertThat(scripts).hasSizeGreaterThanOrEqualTo(12);
		for (Resource script : scripts) {
			String url = script.getURL().toString();
			String path = url.substring(url.lastIndexOf("dev/bellwether/redis/"));
			assertThat(RuntimeHintsPredicates.resource().forResource(path)).as(path).accepts(hints);
		}
	}

	@Test
	void registersTheMemberRecordForJsonBinding() {
		RuntimeHints hints = new RuntimeHints();
		new BellwetherRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onType(MemberStore.Member.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(MemberStore.Member.class, "revisions"))
			.accepts(hints);
	}

	@Test
	void aheadOfTimeProcessingRegistersScriptsJobsPublishedTypesAndProperties() {
		RuntimeHints hints = processAheadOfTime();
		assertThat(RuntimeHintsPredicates.resource().forResource("dev/bellwether/redis/acquire.lua")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Jobs.class, "refresh")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Jobs.class, "cleanUp")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Rates.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Rates.class, "mids")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(BellwetherProperties.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(BellwetherProperties.Leader.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(MemberStore.Member.class)).accepts(hints);
	}

	@Test
	void aheadOfTimeProcessingRegistersTheFailureAnalyzers() {
		RuntimeHints hints = processAheadOfTime();
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(InvalidBellwetherPropertyFailureAnalyzer.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
	}

	private static RuntimeHints processAheadOfTime() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("bellwether.store", "memory")));
		context.register(Application.class);
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get(Application.class)), new InMemoryGeneratedFiles());
		new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
		return generation.getRuntimeHints();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(BellwetherAutoConfiguration.class)
	static class Application {

		@Bean
		Jobs jobs() {
			return new Jobs();
		}

	}

	static class Jobs {

		@LeaderScheduled(fixedRate = "1h", publish = "rates")
		Rates refresh() {
			return new Rates(Map.of("EURUSD", 1.08), List.of());
		}

		@LeaderScheduled(fixedRate = "1h")
		void cleanUp() {
		}

	}

	record Rates(Map<String, Double> mids, List<String> notes) {
	}

}
