/**
 * Auto-configuration for Bellwether, its {@code bellwether.*} properties, and the
 * start-up failure analysis that says which property to change.
 */
@NullMarked
package dev.bellwether.autoconfigure;

import org.jspecify.annotations.NullMarked;
