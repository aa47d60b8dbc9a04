-- KEYS: leader, cache. ARGV: token, key (JSON), value (JSON, '' to remove), channel, cache name,
-- '1' to return the announcement for the caller to sign and publish instead of publishing it.
-- Fenced: only the current leader's token may write. Stores "<rev>\n<value>" under the key,
-- announces the change, and returns the entry's revision (with the announcement: {rev, announcement}), or 0.
allowed({'HINCRBY', KEYS[2], '', '1'}, {'HDEL', KEYS[2], ''}, {'HSET', KEYS[2], '', ''}, {'PUBLISH', ARGV[4], ''})
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
local rev = redis.call('HINCRBY', KEYS[2], '', 1)
local value = nil
if ARGV[3] == '' then
  redis.call('HDEL', KEYS[2], ARGV[2])
else
  redis.call('HSET', KEYS[2], ARGV[2], string.format('%d', rev) .. '\n' .. ARGV[3], 'v', FORMAT)
  value = ARGV[3]
end
local announcement = encoded('cache', {'name', ARGV[5], 'key', ARGV[2], 'rev', rev}, value)
if ARGV[6] == '1' then
  return {rev, announcement}
end
redis.call('PUBLISH', ARGV[4], announcement)
return rev
