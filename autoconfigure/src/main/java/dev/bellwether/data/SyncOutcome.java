package dev.bellwether.data;

/**
 * What became of a message received on the group's channel.
 */
public enum SyncOutcome {

	/** A newer revision, now held. */
	APPLIED,

	/** A revision no newer than the one held: ignored. */
	STALE,

	/** Not readable as a Bellwether message or as the dataset's type: dropped. */
	MALFORMED,

	/** Readable but not acceptable (unknown dataset, oversized payload): dropped. */
	REJECTED

}
