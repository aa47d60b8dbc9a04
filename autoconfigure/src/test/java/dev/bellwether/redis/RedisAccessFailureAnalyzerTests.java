package dev.bellwether.redis;

import io.lettuce.core.RedisCommandExecutionException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationContextException;
import org.springframework.data.redis.RedisConnectionFailureException;

import static org.assertj.core.api.Assertions.assertThat;

class RedisAccessFailureAnalyzerTests {

	private final RedisAccessFailureAnalyzer analyzer = new RedisAccessFailureAnalyzer();

	@Test
	void refusedCredentialsNameTheProperties() {
		FailureAnalysis analysis = this.analyzer
			.analyze(new ApplicationContextException("Failed to start bean 'redisMessageListenerContainer'",
					new RedisConnectionFailureException("Unable to connect to Redis",
							new RedisCommandExecutionException(
									"WRONGPASS invalid username-password pair or user is disabled."))));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription())
			.isEqualTo("Redis refused access: WRONGPASS invalid username-password pair or user is disabled.");
		assertThat(analysis.getAction()).contains("check spring.data.redis.username and spring.data.redis.password");
	}

	@Test
	void refusedSubscriptionNamesTheRuleToAdd() {
		FailureAnalysis analysis = this.analyzer
			.analyze(new ApplicationContextException("Failed to start bean", new RedisCommandExecutionException(
					"NOPERM this user has no permissions to run the 'subscribe' command")));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getAction()).contains("add the rule +subscribe to it");
	}

	@Test
	void otherFailuresAreLeftToOtherAnalyzers() {
		assertThat(this.analyzer.analyze(new RedisConnectionFailureException("Unable to connect to Redis"))).isNull();
	}

}
