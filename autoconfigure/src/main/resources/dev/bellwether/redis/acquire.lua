-- KEYS: leader, epoch. ARGV: node id, ttl ms, highest epoch the node has seen, channel,
-- '1' to return the announcement for the caller to sign and publish instead of publishing it.
-- Returns {1, token, ttl[, announcement]} when the node became leader, {0, current token, pttl} otherwise.
local current = redis.call('GET', KEYS[1])
if current then
  return {0, current, redis.call('PTTL', KEYS[1])}
end
-- A store without an epoch counter (new, or one that lost its data) starts at its clock in
-- microseconds, so that it never grants an epoch below one granted before, whoever asks.
local epoch
if redis.call('EXISTS', KEYS[2]) == 1 then
  epoch = redis.call('INCR', KEYS[2])
else
  local time = redis.call('TIME')
  epoch = tonumber(time[1]) * 1000000 + tonumber(time[2])
end
local seen = tonumber(ARGV[3])
if epoch <= seen then
  epoch = seen + 1
end
redis.call('SET', KEYS[2], string.format('%d', epoch))
local token = ARGV[1] .. '#' .. string.format('%d', epoch)
redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
local announcement = cjson.encode({type = 'elected', leader = token})
if ARGV[5] == '1' then
  return {1, token, tonumber(ARGV[2]), announcement}
end
redis.call('PUBLISH', ARGV[4], announcement)
return {1, token, tonumber(ARGV[2])}
