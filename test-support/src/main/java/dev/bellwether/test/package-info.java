/**
 * Real Redis for tests: {@link dev.bellwether.test.RedisServer} runs redis-server
 * processes (plain, TLS, with a password or ACL users) and injects process faults,
 * {@link dev.bellwether.test.RedisSentinel} and {@link dev.bellwether.test.RedisCluster}
 * run the production topologies, {@link dev.bellwether.test.TcpProxy} injects network
 * faults.
 */
@NullMarked
package dev.bellwether.test;

import org.jspecify.annotations.NullMarked;
