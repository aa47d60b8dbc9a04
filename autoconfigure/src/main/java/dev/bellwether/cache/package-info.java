/**
 * Spring's cache abstraction for the whole fleet: {@code @Cacheable} methods whose misses
 * load each key once for every instance, over near caches kept in step.
 */
@NullMarked
package dev.bellwether.cache;

import org.jspecify.annotations.NullMarked;
