/**
 * Real Redis for tests: {@link dev.bellwether.test.RedisServer} runs redis-server
 * processes and injects process faults, {@link dev.bellwether.test.TcpProxy} injects
 * network faults.
 */
@NullMarked
package dev.bellwether.test;

import org.jspecify.annotations.NullMarked;
