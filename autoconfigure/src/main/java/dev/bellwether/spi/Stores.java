package dev.bellwether.spi;

/**
 * Every store of one group, from one backend. The stores share their state: a leadership
 * taken through {@link #leader()} is what fences writes to the others.
 */
public interface Stores {

	/**
	 * The group's leadership and its announcements.
	 * @return the leader store
	 */
	LeaderStore leader();

	/**
	 * The group's datasets and their announcements.
	 * @return the dataset store
	 */
	DatasetStore datasets();

	/**
	 * The fleet-wide schedule of the group's jobs.
	 * @return the job store
	 */
	JobStore jobs();

	/**
	 * The entries of the group's fleet caches and their announcements.
	 * @return the cache store
	 */
	CacheStore caches();

	/**
	 * The entries of the group's on-demand caches and the claims of their loads.
	 * @return the load store
	 */
	LoadStore loads();

	/**
	 * The live members of the group.
	 * @return the member store
	 */
	MemberStore members();

}
