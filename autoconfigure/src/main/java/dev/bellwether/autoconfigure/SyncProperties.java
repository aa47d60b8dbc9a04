package dev.bellwether.autoconfigure;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * How datasets reach every instance.
 */
public class SyncProperties {

	/**
	 * How often every instance compares its datasets with Redis and fetches what it
	 * missed.
	 */
	private Duration verifyInterval = Duration.ofSeconds(30);

	/**
	 * Largest payload sent inline with its announcement; larger ones are fetched from
	 * Redis by each instance.
	 */
	private DataSize inlinePayloadLimit = DataSize.ofKilobytes(512);

	/**
	 * Largest encoded dataset value to publish or accept.
	 */
	private DataSize maxPayloadSize = DataSize.ofMegabytes(10);

	public Duration getVerifyInterval() {
		return this.verifyInterval;
	}

	public void setVerifyInterval(Duration verifyInterval) {
		this.verifyInterval = verifyInterval;
	}

	public DataSize getInlinePayloadLimit() {
		return this.inlinePayloadLimit;
	}

	public void setInlinePayloadLimit(DataSize inlinePayloadLimit) {
		this.inlinePayloadLimit = inlinePayloadLimit;
	}

	public DataSize getMaxPayloadSize() {
		return this.maxPayloadSize;
	}

	public void setMaxPayloadSize(DataSize maxPayloadSize) {
		this.maxPayloadSize = maxPayloadSize;
	}

}
