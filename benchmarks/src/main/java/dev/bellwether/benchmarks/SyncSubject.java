package dev.bellwether.benchmarks;

/**
 * One system whose publish-to-apply latency is measured: it publishes from one instance
 * and records, on every receiver, when the value is decoded and held.
 */
interface SyncSubject extends AutoCloseable {

	/**
	 * The system's name in the results.
	 * @return the name
	 */
	String system();

	/**
	 * Publishes from the one publishing instance.
	 * @param payload the value
	 */
	void publish(SyncPayload payload);

	/**
	 * How many receivers in this JVM record each publication.
	 * @return the count
	 */
	int receivers();

	@Override
	void close();

}
