package dev.bellwether.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ACL the docs give ({@code docs/production-redis.md}) is the one {@link RedisAcl}
 * holds, and it grants every command the scripts call. That a fleet needs no more and
 * uses all of it is {@code AclFleetTests}.
 */
class RedisAclTests {

	@Test
	void scriptCommandsAreExactlyTheCommandsTheScriptsCall() throws IOException {
		Set<String> called = new TreeSet<>();
		Pattern call = Pattern.compile("redis\\.call\\('([A-Za-z]+)'");
		for (Resource script : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:dev/bellwether/redis/*.lua")) {
			Matcher matcher = call.matcher(script.getContentAsString(StandardCharsets.UTF_8));
			while (matcher.find()) {
				called.add(matcher.group(1).toLowerCase());
			}
		}
		assertThat(called).containsExactlyInAnyOrderElementsOf(RedisAcl.SCRIPT_COMMANDS);
	}

	@Test
	void commandsAreEveryClientAndScriptCommandOnceInOrder() {
		assertThat(RedisAcl.COMMANDS).isSorted()
			.doesNotHaveDuplicates()
			.containsAll(RedisAcl.CLIENT_COMMANDS)
			.containsAll(RedisAcl.SCRIPT_COMMANDS)
			.hasSize(new TreeSet<>(RedisAcl.CLIENT_COMMANDS) {
				{
					addAll(RedisAcl.SCRIPT_COMMANDS);
				}
			}.size());
	}

	@Test
	void setUserGrantsTheGroupsKeysAndChannelAndOnlyTheseCommands() {
		assertThat(RedisAcl.setUser("bellwether", "secret"))
			.startsWith("ACL SETUSER bellwether on >secret ~bellwether:* resetchannels &bellwether:* -@all +del +eval ")
			.doesNotContain("@dangerous", "@admin", "+@");
	}

	@Test
	void theDocsGiveThisAcl() throws IOException {
		String docs = Files.readString(Path.of("..", "docs", "production-redis.md"));
		assertThat(docs).contains(RedisAcl.setUser("bellwether", "secret"));
	}

}
