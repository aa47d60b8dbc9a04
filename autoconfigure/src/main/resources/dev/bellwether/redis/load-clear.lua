-- KEYS: cleared, revision. ARGV: channel, cache name, '1' to return the announcement for the caller to sign and
-- publish instead of publishing it.
-- Takes the group's next revision (at least the store's clock in microseconds) as the cache's clear: entries of
-- an older revision no longer count, nor can loads claimed before it complete. Announces it without a key and
-- returns its revision (with the announcement: {rev, announcement}).
allowed({'SET', KEYS[2], ''}, {'PUBLISH', ARGV[1], ''})
local time = redis.call('TIME')
local rev = math.max(tonumber(redis.call('GET', KEYS[2]) or '0') + 1, tonumber(time[1]) * 1000000 + tonumber(time[2]))
redis.call('SET', KEYS[2], string.format('%d', rev))
redis.call('SET', KEYS[1], string.format('%d', rev))
local announcement = encoded('load', {'name', ARGV[2], 'rev', rev, 'removed', true})
if ARGV[3] == '1' then
  return {rev, announcement}
end
redis.call('PUBLISH', ARGV[1], announcement)
return rev
