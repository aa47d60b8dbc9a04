-- KEYS: claim. ARGV: the claim ("<claimant>\n<rev>"). Ends the claim if it is still this one: its load failed.
allowed({'DEL', KEYS[1]})
if isClaim(redis.call('GET', KEYS[1]), ARGV[1]) then
  redis.call('DEL', KEYS[1])
end
return 0
