/**
 * The Redis backend: every state change is one Lua script, and announcements travel on
 * the group's pub/sub channel. All keys of a group share one hash tag, so the scripts
 * also run on Redis Cluster.
 */
@NullMarked
package dev.bellwether.redis;

import org.jspecify.annotations.NullMarked;
