-- KEYS: entry, claim, cleared, revision. ARGV: claimant ('' to read without claiming), lease ms.
-- A key's entry counts if it is newer than its cache's last clear. Returns {'found', rev, format, value} for an
-- entry with a value; {'removed', rev, format} for a tombstone when reading; {'none'} when reading nothing;
-- else who holds the key's load, {'loading', claimant}, or the claim just taken: {'claimed', rev}, where rev is
-- the group's revision now (a change after the claim wins over its value).
allowed({'SET', KEYS[2], '', 'PX', '1'})
local cleared = tonumber(redis.call('GET', KEYS[3]) or '0')
local entry = redis.call('HMGET', KEYS[1], 'rev', 'v', 'value')
if entry[1] and tonumber(entry[1]) > cleared then
  if entry[3] then
    return {'found', entry[1], entry[2] or '1', entry[3]}
  end
  if ARGV[1] == '' then
    return {'removed', entry[1], entry[2] or '1'}
  end
end
if ARGV[1] == '' then
  return {'none'}
end
local holder = redis.call('GET', KEYS[2])
if holder then
  return {'loading', string.match(holder, '^[^\n]*')}
end
local rev = redis.call('GET', KEYS[4]) or '0'
redis.call('SET', KEYS[2], ARGV[1] .. '\n' .. rev, 'PX', ARGV[2])
return {'claimed', rev}
