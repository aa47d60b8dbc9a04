-- KEYS: job.
-- Returns {now (ms, Redis clock), lastStart, lastFinish, lastSuccess, lastError, node, epoch, paused (1 or 0), runRequested,
-- format (1 when the record has none)}.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local f = redis.call('HMGET', KEYS[1], 'lastStart', 'lastFinish', 'lastSuccess', 'lastError', 'node', 'epoch', 'paused',
  'runRequested', 'v')
return {now, tonumber(f[1] or '0'), tonumber(f[2] or '0'), tonumber(f[3] or '0'), f[4] or '', f[5] or '',
  tonumber(f[6] or '0'), f[7] and 1 or 0, tonumber(f[8] or '0'), tonumber(f[9] or '1')}
