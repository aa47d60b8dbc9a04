package dev.bellwether.redis;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MessageSignerTests {

	private static final String KEY = "0123456789abcdef0123456789abcdef";

	private final MessageSigner signer = new MessageSigner(KEY);

	private final byte[] message = "{\"type\":\"dataset\",\"name\":\"rates\",\"rev\":7}\n{\"EURUSD\":1.08}"
		.getBytes(StandardCharsets.UTF_8);

	@Test
	void signedMessageIsVerifiedAsItWasSent() {
		byte[] signed = this.signer.sign(this.message);
		assertThat(new String(signed, StandardCharsets.UTF_8)).startsWith("hmac-sha256:").contains("\n{\"type\"");
		assertThat(this.signer.verify(signed)).isEqualTo(this.message);
	}

	@Test
	void unsignedMessageIsRefused() {
		assertThat(this.signer.verify(this.message)).isNull();
	}

	@Test
	void alteredMessageIsRefused() {
		byte[] signed = this.signer.sign(this.message);
		String altered = new String(signed, StandardCharsets.UTF_8).replace("\"rev\":7", "\"rev\":8");
		assertThat(this.signer.verify(altered.getBytes(StandardCharsets.UTF_8))).isNull();
	}

	@Test
	void messageSignedWithAnotherKeyIsRefused() {
		byte[] signed = new MessageSigner(KEY.replace('0', 'x')).sign(this.message);
		assertThat(this.signer.verify(signed)).isNull();
	}

	@Test
	void garbledSignatureIsRefused() {
		assertThat(this.signer.verify("hmac-sha256:%%%\n{}".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(this.signer.verify("hmac-sha256:no-newline".getBytes(StandardCharsets.UTF_8))).isNull();
	}

	@Test
	void shortKeyIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MessageSigner("short"))
			.withMessage("'key' must have at least 32 bytes");
	}

}
