-- KEYS: entry, claim, cleared, revision. ARGV: claimant ('' to read without claiming), lease ms.
-- A key's entry counts if it is newer than its cache's last clear. Returns {'found', rev, format, ms to live,
-- value} for an entry with a value; {'removed', rev, format, ms to live} for a tombstone when reading; {'none'}
-- when reading nothing; else who holds the key's load, {'loading', claimant}, after marking the claim as waited
-- for (its value is then announced), or the claim just taken: {'claimed', rev}, where rev is the group's revision
-- now (a change after the claim wins over its value).
allowed({'SET', KEYS[2], '', 'PX', '1'})
local cleared = tonumber(redis.call('GET', KEYS[3]) or '0')
local entry = redis.call('HMGET', KEYS[1], 'rev', 'v', 'value')
if entry[1] and tonumber(entry[1]) > cleared then
  local ttl = tostring(redis.call('PTTL', KEYS[1]))
  if entry[3] then
    return {'found', entry[1], entry[2] or '1', ttl, entry[3]}
  end
  if ARGV[1] == '' then
    return {'removed', entry[1], entry[2] or '1', ttl}
  end
end
if ARGV[1] == '' then
  return {'none'}
end
local holder = redis.call('GET', KEYS[2])
if holder then
  if string.sub(holder, -#WAITED) ~= WAITED then
    redis.call('SET', KEYS[2], holder .. WAITED, 'KEEPTTL')
  end
  return {'loading', string.match(holder, '^[^\n]*')}
end
local rev = redis.call('GET', KEYS[4]) or '0'
redis.call('SET', KEYS[2], ARGV[1] .. '\n' .. rev, 'PX', ARGV[2])
return {'claimed', rev}
