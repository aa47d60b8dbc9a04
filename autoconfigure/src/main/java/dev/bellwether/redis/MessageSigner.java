package dev.bellwether.redis;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Signs the group's announcements with a shared secret and checks them: a signed message
 * is {@code hmac-sha256:<base64 HMAC of the message>}, a newline, then the message's
 * bytes as they would travel unsigned.
 */
final class MessageSigner {

	private static final String ALGORITHM = "HmacSHA256";

	private static final byte[] PREFIX = "hmac-sha256:".getBytes(StandardCharsets.US_ASCII);

	private final SecretKeySpec key;

	/**
	 * Creates a signer.
	 * @param key the shared secret, at least {@link RedisStores#MIN_SIGNING_KEY_BYTES}
	 * bytes of UTF-8
	 */
	MessageSigner(String key) {
		byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
		Assert.isTrue(bytes.length >= RedisStores.MIN_SIGNING_KEY_BYTES,
				() -> "'key' must have at least " + RedisStores.MIN_SIGNING_KEY_BYTES + " bytes");
		this.key = new SecretKeySpec(bytes, ALGORITHM);
	}

	/**
	 * The message, signed.
	 * @param message the message
	 * @return the signature line and the message
	 */
	byte[] sign(byte[] message) {
		byte[] signature = Base64.getEncoder().encode(hmac(message));
		byte[] signed = new byte[PREFIX.length + signature.length + 1 + message.length];
		System.arraycopy(PREFIX, 0, signed, 0, PREFIX.length);
		System.arraycopy(signature, 0, signed, PREFIX.length, signature.length);
		signed[PREFIX.length + signature.length] = '\n';
		System.arraycopy(message, 0, signed, PREFIX.length + signature.length + 1, message.length);
		return signed;
	}

	/**
	 * Whether a message is signed, with whatever key.
	 * @param message what was received
	 * @return whether it begins as a signed message does
	 */
	static boolean isSigned(byte[] message) {
		return message.length >= PREFIX.length && Arrays.equals(message, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
	}

	/**
	 * The message of a signed message whose signature is this signer's.
	 * @param signed what was received
	 * @return the message, or {@code null} if it is unsigned or its signature is wrong
	 */
	byte @Nullable [] verify(byte[] signed) {
		if (!isSigned(signed)) {
			return null;
		}
		int newline = PREFIX.length;
		while (newline < signed.length && signed[newline] != '\n') {
			newline++;
		}
		if (newline == signed.length) {
			return null;
		}
		byte[] signature;
		try {
			signature = Base64.getDecoder().decode(Arrays.copyOfRange(signed, PREFIX.length, newline));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		byte[] message = Arrays.copyOfRange(signed, newline + 1, signed.length);
		return MessageDigest.isEqual(signature, hmac(message)) ? message : null;
	}

	private byte[] hmac(byte[] message) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac.doFinal(message);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ALGORITHM + " is not available", ex);
		}
	}

}
