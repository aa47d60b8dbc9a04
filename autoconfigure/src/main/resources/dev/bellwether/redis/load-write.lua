-- KEYS: entry, claim, cleared, revision. ARGV: 'complete', 'put' or 'evict'; the claim ("<claimant>\n<rev>", to
-- complete); the value; time to live ms; channel; cache name; key; '1' to return the announcement for the caller
-- to sign and publish instead of publishing it.
-- Completing a claim ends it, and writes nothing (returns 0) if the key or its cache changed after the claim. A
-- put or an eviction ends any claim of the key. Each write takes the group's next revision, at least the store's
-- clock in microseconds, stores the entry ("rev", "v" its format, "value"; no value for an eviction's
-- tombstone) for its time to live, and returns its revision. It announces the change, without its value, when
-- another instance may need to hear it: always for an eviction; for a value, when the key held a value some
-- instance may have read, or when an instance waits for the claim's value. With an announcement to return, the
-- reply is {rev, announcement}; without one, {rev}.
allowed({'DEL', KEYS[2]}, {'SET', KEYS[4], ''}, {'HSET', KEYS[1], '', ''}, {'PEXPIRE', KEYS[1], '1'},
  {'PUBLISH', ARGV[5], ''})
local holder = redis.call('GET', KEYS[2])
local waited = holder and string.sub(holder, -#WAITED) == WAITED
local cleared = tonumber(redis.call('GET', KEYS[3]) or '0')
local previous = redis.call('HMGET', KEYS[1], 'rev', 'value')
local held = previous[1] and tonumber(previous[1]) > cleared and previous[2]
if ARGV[1] == 'complete' then
  if isClaim(holder, ARGV[2]) then
    redis.call('DEL', KEYS[2])
  end
  local claimed = tonumber(string.match(ARGV[2], '\n(%d+)$'))
  if tonumber(previous[1] or '0') > claimed or cleared > claimed then
    return 0
  end
else
  redis.call('DEL', KEYS[2])
end
local time = redis.call('TIME')
local rev = math.max(tonumber(redis.call('GET', KEYS[4]) or '0') + 1, tonumber(time[1]) * 1000000 + tonumber(time[2]))
redis.call('SET', KEYS[4], string.format('%d', rev))
redis.call('DEL', KEYS[1])
if ARGV[1] == 'evict' then
  redis.call('HSET', KEYS[1], 'rev', string.format('%d', rev), 'v', FORMAT)
else
  redis.call('HSET', KEYS[1], 'rev', string.format('%d', rev), 'v', FORMAT, 'value', ARGV[3])
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if ARGV[1] ~= 'evict' and not waited and not held then
  if ARGV[8] == '1' then
    return {rev}
  end
  return rev
end
local announcement = encoded('load', {'name', ARGV[6], 'key', ARGV[7], 'rev', rev, 'removed', ARGV[1] == 'evict'})
if ARGV[8] == '1' then
  return {rev, announcement}
end
redis.call('PUBLISH', ARGV[5], announcement)
return rev
