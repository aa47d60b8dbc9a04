-- KEYS: leader, job. ARGV: token, node, epoch, '1' to refuse if the job is paused (a planned run), name, channel,
-- '1' to return the announcement or '0' to publish it.
-- Fenced: records the start of a run by the current leader, which serves a pending run request, and announces
-- it, so that every instance remembers the start even if this record is lost (a failover, an empty restart).
-- Returns {start time (ms, Redis clock)[, announcement]}, {0} if the token does not lead, or {-1} if paused.
allowed({'HSET', KEYS[2], 'lastStart', '0'}, {'HDEL', KEYS[2], 'runRequested'}, {'PUBLISH', ARGV[6], ''})
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return {0}
end
local paused = redis.call('HGET', KEYS[2], 'paused')
if ARGV[4] == '1' and paused then
  return {-1}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('HSET', KEYS[2], 'lastStart', string.format('%d', now), 'node', ARGV[2], 'epoch', ARGV[3], 'v', FORMAT)
redis.call('HDEL', KEYS[2], 'runRequested')
local announcement = encoded('job', {'name', ARGV[5], 'paused', paused and true or false, 'requested', 0,
  'started', now})
if ARGV[7] == '1' then
  return {now, announcement}
end
redis.call('PUBLISH', ARGV[6], announcement)
return {now}
