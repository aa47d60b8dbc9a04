-- KEYS: leader, job. ARGV: token, error message ('' on success).
-- Fenced: records the end of a run by the current leader. Returns 1, or 0 if refused.
allowed({'HSET', KEYS[2], 'lastFinish', '0'}, {'HDEL', KEYS[2], 'lastError'})
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
local time = redis.call('TIME')
local now = string.format('%d', tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000))
if ARGV[2] == '' then
  redis.call('HSET', KEYS[2], 'lastFinish', now, 'lastSuccess', now, 'v', FORMAT)
  redis.call('HDEL', KEYS[2], 'lastError')
else
  redis.call('HSET', KEYS[2], 'lastFinish', now, 'lastError', ARGV[2], 'v', FORMAT)
end
return 1
