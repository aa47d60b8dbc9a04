-- KEYS: leader, job. ARGV: token, node, epoch, '1' to refuse if the job is paused (a planned run).
-- Fenced: records the start of a run by the current leader, which serves a pending run request.
-- Returns the start time (ms, Redis clock), 0 if the token does not lead, or -1 if paused.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
if ARGV[4] == '1' and redis.call('HGET', KEYS[2], 'paused') then
  return -1
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('HSET', KEYS[2], 'lastStart', string.format('%d', now), 'node', ARGV[2], 'epoch', ARGV[3])
redis.call('HDEL', KEYS[2], 'runRequested')
return now
