-- KEYS: members (sorted set), member. ARGV: node id, member JSON, ttl ms.
-- Keeps the member's JSON for the ttl, scores it with Redis TIME, and forgets members whose heartbeat expired.
allowed({'SET', KEYS[2], ''}, {'ZADD', KEYS[1], '0', ARGV[1]}, {'ZREMRANGEBYSCORE', KEYS[1], '0', '0'})
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[3]))
return now
