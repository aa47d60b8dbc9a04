package dev.bellwether.benchmarks;

import dev.bellwether.data.Dataset;
import dev.bellwether.data.Datasets;

/**
 * Bellwether: the leader of a fleet publishes dataset {@value #DATASET}; every follower
 * records, from {@link Dataset#onUpdate}, when the revision is decoded and held. Nothing
 * polls the instances.
 */
final class BellwetherSubject implements SyncSubject {

	static final String DATASET = "sync";

	private final Dataset<SyncPayload> published;

	private final int receivers;

	BellwetherSubject(Fleet fleet, Arrivals arrivals) {
		Fleet.Instance leader = BellwetherMeasurements.leader(fleet);
		int followers = 0;
		Dataset<SyncPayload> leaders = null;
		for (Fleet.Instance instance : fleet.instances()) {
			Dataset<SyncPayload> dataset = instance.context().getBean(Datasets.class).get(DATASET, SyncPayload.class);
			if (instance == leader) {
				leaders = dataset;
			}
			else {
				record(dataset, arrivals);
				followers++;
			}
		}
		this.published = leaders;
		this.receivers = followers;
	}

	static void record(Dataset<SyncPayload> dataset, Arrivals arrivals) {
		dataset.onUpdate((value) -> arrivals.record(value.seq(), SyncPayload.nowMicros() - value.sentMicros()));
	}

	@Override
	public String system() {
		return "Bellwether";
	}

	@Override
	public void publish(SyncPayload payload) {
		if (!this.published.publish(payload)) {
			throw new IllegalStateException("The leader's publication was refused: it no longer leads");
		}
	}

	@Override
	public int receivers() {
		return this.receivers;
	}

	@Override
	public void close() {
	}

}
