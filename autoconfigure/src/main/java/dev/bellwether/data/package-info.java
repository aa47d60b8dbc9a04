/**
 * Fleet-wide datasets: the leader publishes a value, every instance holds the newest
 * revision in memory and never goes back to an older one.
 */
@NullMarked
package dev.bellwether.data;

import org.jspecify.annotations.NullMarked;
