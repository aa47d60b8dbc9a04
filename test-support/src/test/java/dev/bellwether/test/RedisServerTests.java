package dev.bellwether.test;

import java.time.Duration;

import io.lettuce.core.RedisCommandTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedisServerTests {

	private final RedisServer redis = RedisServer.start();

	@AfterEach
	void close() {
		this.redis.close();
	}

	@Test
	void answersOnItsOwnPort() {
		assertThat(this.redis.port()).isNotEqualTo(6379);
		this.redis.commands().set("k", "v");
		assertThat(this.redis.commands().get("k")).isEqualTo("v");
	}

	@Test
	void restartComesBackEmpty() {
		this.redis.commands().set("k", "v");
		long pid = this.redis.pid();
		this.redis.restart();
		assertThat(this.redis.pid()).isNotEqualTo(pid);
		assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
		assertThat(this.redis.commands().get("k")).isNull();
	}

	@Test
	void killLeavesNoProcess() {
		long pid = this.redis.pid();
		this.redis.kill();
		assertThat(this.redis.isRunning()).isFalse();
		assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
	}

	@Test
	void pausedServerDoesNotAnswerUntilResumed() {
		this.redis.commands().set("k", "v");
		this.redis.pause();
		this.redis.commands().setTimeout(Duration.ofMillis(300));
		assertThatExceptionOfType(RedisCommandTimeoutException.class).isThrownBy(() -> this.redis.commands().get("k"));
		this.redis.resume();
		this.redis.commands().setTimeout(Duration.ofSeconds(5));
		assertThat(this.redis.commands().get("k")).isEqualTo("v");
	}

	@Test
	void flushAllDeletesEveryKey() {
		this.redis.commands().set("k", "v");
		this.redis.flushAll();
		assertThat(this.redis.commands().dbsize()).isZero();
	}

	@Test
	void stopEndsTheProcess() {
		long pid = this.redis.pid();
		this.redis.stop();
		assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
	}

}
