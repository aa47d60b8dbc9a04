-- KEYS: leader. ARGV: token, ttl ms. Extends the leadership only if the token still holds it.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
