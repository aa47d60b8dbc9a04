-- KEYS: leader, job. ARGV: token, node, epoch.
-- Fenced: records the start of a run by the current leader, which serves a pending run request.
-- Returns the start time (ms, Redis clock) or 0.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('HSET', KEYS[2], 'lastStart', string.format('%d', now), 'node', ARGV[2], 'epoch', ARGV[3])
redis.call('HDEL', KEYS[2], 'runRequested')
return now
