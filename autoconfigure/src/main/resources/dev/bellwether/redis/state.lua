-- KEYS: store, then one dataset key each. Returns {store or '', rev of each (0 when absent)}.
local state = {redis.call('GET', KEYS[1]) or ''}
for i = 2, #KEYS do
  state[i] = tonumber(redis.call('HGET', KEYS[i], 'rev') or '0')
end
return state
