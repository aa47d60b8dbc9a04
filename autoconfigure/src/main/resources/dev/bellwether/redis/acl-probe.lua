-- KEYS: a string, a hash and a sorted set of the group's own, for this probe only. ARGV: a channel of the group's.
-- Run once at start-up: every command the other scripts run, on these keys, so that an ACL user lacking one is
-- refused at start-up with the command named (on every Redis version), not midway through a script later.
-- Each key expires within a minute, even if a command after its creation is refused; all are deleted at the end.
redis.call('SET', KEYS[1], '1', 'PX', 60000)
redis.call('PERSIST', KEYS[1])
redis.call('PEXPIRE', KEYS[1], 60000)
redis.call('GET', KEYS[1])
redis.call('PTTL', KEYS[1])
redis.call('HSET', KEYS[2], 'field', '1')
redis.call('PEXPIRE', KEYS[2], 60000)
redis.call('HINCRBY', KEYS[2], 'field', 1)
redis.call('HGET', KEYS[2], 'field')
redis.call('HMGET', KEYS[2], 'field')
redis.call('HDEL', KEYS[2], 'field')
redis.call('ZADD', KEYS[3], 0, 'member')
redis.call('PEXPIRE', KEYS[3], 60000)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '+inf')
redis.call('TIME')
redis.call('PUBLISH', ARGV[1], '')
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return 1
