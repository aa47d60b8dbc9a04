-- KEYS: leader, epoch. ARGV: node id, ttl ms, highest epoch the node has seen, channel,
-- '1' to return the announcement for the caller to sign and publish instead of publishing it.
-- Returns {1, token, ttl[, announcement]} when the node became leader, {0, current token, pttl} otherwise.
allowed({'SET', KEYS[2], '0'}, {'SET', KEYS[1], '0'}, {'PUBLISH', ARGV[4], ''})
local current = redis.call('GET', KEYS[1])
if current then
  return {0, current, redis.call('PTTL', KEYS[1])}
end
-- An epoch is one above the last the store granted, and at least the store's clock in
-- microseconds: grants a failover or a restart lost cannot come back under the same number,
-- whoever asks.
local time = redis.call('TIME')
local epoch = math.max(tonumber(redis.call('GET', KEYS[2]) or '0') + 1,
  tonumber(time[1]) * 1000000 + tonumber(time[2]), tonumber(ARGV[3]) + 1)
redis.call('SET', KEYS[2], string.format('%d', epoch))
local token = ARGV[1] .. '#' .. string.format('%d', epoch)
redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
local announcement = encoded('elected', {'leader', token})
if ARGV[5] == '1' then
  return {1, token, tonumber(ARGV[2]), announcement}
end
redis.call('PUBLISH', ARGV[4], announcement)
return {1, token, tonumber(ARGV[2])}
