-- KEYS: leader. ARGV: token, channel, the announcement to publish (Announcement.Released, signed where the fleet
-- signs).
-- Frees the leadership only if the token still holds it.
allowed({'DEL', KEYS[1]}, {'PUBLISH', ARGV[2], ''})
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], ARGV[3])
  return 1
end
return 0
