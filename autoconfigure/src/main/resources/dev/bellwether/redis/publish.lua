-- KEYS: leader, store, dataset.
-- ARGV: token, epoch, name, payload, min revision, inline limit, ttl ms (0 = none), channel, store suffix,
-- '1' to return the announcement for the caller to sign and publish instead of publishing it.
-- Fenced: only the current leader's token may publish. Returns {1, store, rev, at[, announcement]} or {0}.
allowed({'SET', KEYS[2], '0'}, {'HINCRBY', KEYS[3], 'rev', '1'}, {'HSET', KEYS[3], 'rev', '0'},
  {'PEXPIRE', KEYS[3], '1'}, {'PERSIST', KEYS[3]}, {'PUBLISH', ARGV[8], ''})
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return {0}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local store = redis.call('GET', KEYS[2])
if not store then
  store = string.format('%d', now) .. '-' .. ARGV[9]
  redis.call('SET', KEYS[2], store)
end
local rev = redis.call('HINCRBY', KEYS[3], 'rev', 1)
local min = tonumber(ARGV[5])
if rev <= min then
  rev = min + 1
end
redis.call('HSET', KEYS[3], 'rev', string.format('%d', rev), 'epoch', ARGV[2], 'at', string.format('%d', now),
  'payload', ARGV[4], 'encoding', 'json', 'v', FORMAT)
local ttl = tonumber(ARGV[7])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[3], ttl)
else
  redis.call('PERSIST', KEYS[3])
end
local inline = nil
if #ARGV[4] <= tonumber(ARGV[6]) then
  inline = ARGV[4]
end
local announcement = encoded('dataset', {'name', ARGV[3], 'store', store, 'rev', rev, 'epoch', tonumber(ARGV[2]),
  'at', now}, inline)
if ARGV[10] == '1' then
  return {1, store, rev, now, announcement}
end
redis.call('PUBLISH', ARGV[8], announcement)
return {1, store, rev, now}
