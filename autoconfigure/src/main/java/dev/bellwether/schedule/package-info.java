/**
 * {@link dev.bellwether.schedule.LeaderScheduled @LeaderScheduled}: refresh jobs that run
 * once per interval for the whole fleet, on its leader, on a schedule kept in the store.
 */
@NullMarked
package dev.bellwether.schedule;

import org.jspecify.annotations.NullMarked;
