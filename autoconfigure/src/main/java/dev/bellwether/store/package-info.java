/**
 * The seam between Bellwether's logic and where its state lives: {@link Stores} gathers
 * the store interfaces of one group, and each backend (Redis, in memory) provides them.
 */
@NullMarked
package dev.bellwether.store;

import org.jspecify.annotations.NullMarked;
