/**
 * The in-memory backend: the stores of one group in this JVM, with the same semantics as
 * the Redis scripts. For a single instance, local development and tests.
 */
@NullMarked
package dev.bellwether.memory;

import org.jspecify.annotations.NullMarked;
