package dev.bellwether.redis;

import java.util.List;
import java.util.function.BiFunction;

import io.lettuce.core.RedisCommandExecutionException;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis' refusals, as Redis 7 words them, explained with the property or ACL rule to
 * change.
 */
class RedisErrorsTests {

	@Test
	void wrongPasswordNamesTheCredentialProperties() {
		RuntimeException failure = new RedisConnectionFailureException("Unable to connect to Redis",
				new RedisCommandExecutionException("WRONGPASS invalid username-password pair or user is disabled."));
		RuntimeException explained = RedisErrors.explain(failure);
		assertThat(explained).isInstanceOf(RedisAccessDeniedException.class)
			.hasCause(failure)
			.hasMessageContaining("check spring.data.redis.username and spring.data.redis.password")
			.hasMessageEndingWith("(Redis said: WRONGPASS invalid username-password pair or user is disabled.)");
	}

	@Test
	void missingPasswordNamesThePasswordProperty() {
		assertThat(RedisErrors.fix("NOAUTH Authentication required.")).contains("set spring.data.redis.password");
	}

	@Test
	void refusedCommandNamesTheRuleToAdd() {
		assertThat(RedisErrors.fix("NOPERM this user has no permissions to run the 'hset' command"))
			.startsWith("Redis refused the command 'hset' to the ACL user of spring.data.redis.username: "
					+ "add the rule +hset to it (ACL SETUSER <user> +hset); Bellwether needs +del +eval");
	}

	@Test
	void refusedKeyNamesTheKeyPattern() {
		assertThat(RedisErrors.fix("NOPERM this user has no permissions to access one of the keys used as arguments"))
			.contains("add the rule ~bellwether:* to it");
	}

	@Test
	void refusedChannelNamesTheChannelPattern() {
		assertThat(
				RedisErrors.fix("NOPERM this user has no permissions to access one of the channels used as arguments"))
			.contains("add the rule &bellwether:* to it");
	}

	@Test
	void commandRefusedInsideAScriptIsNamedFromTheScriptsLine() {
		assertThat(explainRefusedPersist((sha, line) -> "ERR The user executing the script can't run this command "
				+ "or subcommand script: " + sha + ", on @user_script:" + line + "."))
			.hasMessageStartingWith("Redis refused the command 'persist'")
			.hasMessageContaining("add the rule +persist");
	}

	@Test
	void commandRefusedInsideAScriptIsNamedFromTheScriptsLineInRedis6sWords() {
		assertThat(explainRefusedPersist((sha, line) -> "ERR Error running script (call to f_" + sha
				+ "): @user_script:" + line + ": @user_script: " + line
				+ ": The user executing the script can't run this command or subcommand"))
			.hasMessageStartingWith("Redis refused the command 'persist'")
			.hasMessageContaining("add the rule +persist");
	}

	/**
	 * What Redis' refusal of publish.lua's PERSIST, in the given words, is explained as.
	 */
	private static RuntimeException explainRefusedPersist(BiFunction<String, Integer, String> words) {
		String publish = Scripts.source("publish");
		List<String> lines = publish.lines().toList();
		int line = 1 + lines
			.indexOf(lines.stream().filter((l) -> l.contains("redis.call('PERSIST'")).findFirst().orElseThrow());
		return RedisErrors.explain(new RedisSystemException("Error in execution",
				new RedisCommandExecutionException(words.apply(RedisScript.of(publish).getSha1(), line))));
	}

	@Test
	void commandRefusedInsideAnUnknownScriptAsksForEveryCommand() {
		assertThat(RedisErrors.fix("ERR The user executing the script can't run this command or subcommand script: "
				+ "0".repeat(40) + ", on @user_script:3."))
			.endsWith("Bellwether needs: " + RedisAcl.grants());
	}

	@Test
	void otherFailuresStayAsTheyAre() {
		RuntimeException failure = new RedisSystemException("Error in execution",
				new RedisCommandExecutionException("ERR wrong number of arguments"));
		assertThat(RedisErrors.explain(failure)).isSameAs(failure);
	}

}
