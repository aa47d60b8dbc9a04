package dev.bellwether.data;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.bellwether.spi.DatasetStore;
import dev.bellwether.spi.LeaderToken;

/**
 * Publishes values through the {@link DatasetStore} with a leadership's token: the store
 * refuses a token that was replaced, so nothing a deposed leader computed lands.
 */
final class DatasetPublisher {

	private static final Log logger = LogFactory.getLog(DatasetPublisher.class);

	private final DatasetStore store;

	private final JsonMapper json;

	private final long maxPayloadSize;

	private final AtomicLong refused = new AtomicLong();

	DatasetPublisher(DatasetStore store, JsonMapper json, long maxPayloadSize) {
		this.store = store;
		this.json = json;
		this.maxPayloadSize = maxPayloadSize;
	}

	/**
	 * Encodes a value, publishes it and applies it here.
	 * @return whether the store took it
	 * @throws IllegalArgumentException if it encodes to more than the largest payload
	 */
	@SuppressWarnings("unchecked")
	<T> boolean publish(LocalDataset<T> dataset, Object value, LeaderToken token) {
		byte[] payload = this.json.writeValueAsBytes(value);
		if (payload.length > this.maxPayloadSize) {
			throw new IllegalArgumentException("Dataset '" + dataset.name() + "' encodes to " + payload.length
					+ " bytes, more than bellwether.sync.max-payload-size (" + this.maxPayloadSize
					+ " bytes): publish less, or raise the limit");
		}
		DatasetStore.Entry entry = this.store.publish(token, dataset.name(), payload, dataset.revision());
		if (entry == null) {
			refused(dataset.name(), "its leadership " + token + " was replaced");
			return false;
		}
		dataset.apply(new Snapshot<>((T) value, entry.store(), entry.revision(), entry.epoch(),
				Instant.ofEpochMilli(entry.updatedAt())));
		return true;
	}

	void refused(String name, String reason) {
		this.refused.incrementAndGet();
		logger.warn("Publication of dataset '" + name + "' refused: " + reason);
	}

	long refused() {
		return this.refused.get();
	}

}
