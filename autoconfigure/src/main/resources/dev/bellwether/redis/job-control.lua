-- KEYS: job. ARGV: name, action ('run' | 'pause' | 'resume'), channel, '1' to return the announcement or '0' to publish it.
-- Open to every instance: requests a run (a pending request is kept, not renewed) or pauses or resumes the job,
-- and announces the job's control state. Returns {time of the pending request (ms, Redis clock) or 0[, announcement]}.
allowed({'HSET', KEYS[1], 'paused', '1'}, {'HDEL', KEYS[1], 'paused'}, {'PUBLISH', ARGV[3], ''})
if ARGV[2] == 'run' then
  if not redis.call('HGET', KEYS[1], 'runRequested') then
    local time = redis.call('TIME')
    local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
    redis.call('HSET', KEYS[1], 'runRequested', string.format('%d', now))
  end
elseif ARGV[2] == 'pause' then
  redis.call('HSET', KEYS[1], 'paused', '1')
else
  redis.call('HDEL', KEYS[1], 'paused')
end
redis.call('HSET', KEYS[1], 'v', FORMAT)
local f = redis.call('HMGET', KEYS[1], 'paused', 'runRequested')
local requested = f[2] or '0'
local announcement = encoded('job', {'name', ARGV[1], 'paused', f[1] and true or false,
  'requested', tonumber(requested)})
if ARGV[4] == '1' then
  return {tonumber(requested), announcement}
end
redis.call('PUBLISH', ARGV[3], announcement)
return {tonumber(requested)}
