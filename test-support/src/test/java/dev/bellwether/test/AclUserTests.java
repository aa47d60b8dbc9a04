package dev.bellwether.test;

import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AclUserTests {

	private final RedisServer redis = RedisServer.start(RedisServerOptions.defaults()
		.withUsers(AclUser.bellwether("acl-secret", List.of("get", "set", "publish"))));

	private final RedisClient client = RedisClient.create();

	private final StatefulRedisConnection<String, String> connection = this.client.connect(RedisURI.builder()
		.withHost("127.0.0.1")
		.withPort(this.redis.port())
		.withAuthentication("bellwether", "acl-secret")
		.build());

	private final RedisCommands<String, String> commands = this.connection.sync();

	@AfterEach
	void close() {
		this.connection.close();
		this.client.shutdown();
		this.redis.close();
	}

	@Test
	void userRunsGrantedCommandsOnItsOwnKeysAndChannels() {
		this.commands.set("bellwether:leader", "instance-1");
		assertThat(this.commands.get("bellwether:leader")).isEqualTo("instance-1");
		assertThat(this.commands.publish("bellwether:events", "hello")).isZero();
	}

	@Test
	void userIsRefusedKeysOutsideItsPattern() {
		assertThatExceptionOfType(RedisCommandExecutionException.class)
			.isThrownBy(() -> this.commands.set("other:leader", "instance-1"))
			.withMessageStartingWith("NOPERM");
	}

	@Test
	void userIsRefusedChannelsOutsideItsPattern() {
		assertThatExceptionOfType(RedisCommandExecutionException.class)
			.isThrownBy(() -> this.commands.publish("other:events", "hello"))
			.withMessageStartingWith("NOPERM");
	}

	@Test
	void userIsRefusedCommandsNotGranted() {
		assertThatExceptionOfType(RedisCommandExecutionException.class)
			.isThrownBy(() -> this.commands.del("bellwether:leader"))
			.withMessageStartingWith("NOPERM");
	}

	@Test
	void rulesSayWhatTheUserMayDo() {
		assertThat(AclUser.bellwether("pw", List.of("get", "set")).rules())
			.isEqualTo("reset on >pw ~bellwether:* resetchannels &bellwether:* -@all +get +set");
	}

}
