-- Comes before every script. allowed() raises, before the script writes anything, the error Redis would raise
-- for the first command the ACL user may not run (Redis 7 and later can tell: redis.acl_check_cmd), so that a
-- script the ACL refuses never leaves half its writes. Redis 6 cannot tell; the start-up probe covers it.
-- The format of every announcement and record the scripts write, which RedisFormat.VERSION names in Java: an
-- instance drops and counts a message of a newer format, and keeps its data.
local FORMAT = 1

-- What a load's claim ("<claimant>\n<rev>") ends with once another instance waits for its value: the value is
-- then announced, as it is whenever some instance may hold an older one.
local WAITED = '\nwaited'

-- Whether a claim is this one, waited for or not.
local function isClaim(holder, claim)
  return holder == claim or holder == claim .. WAITED
end

local function allowed(...)
  if redis.acl_check_cmd then
    for _, command in ipairs({...}) do
      if not redis.acl_check_cmd(unpack(command)) then
        error({err = "NOPERM this user has no permissions to run the '" .. string.lower(command[1]) .. "' command"})
      end
    end
  end
end

-- An announcement on the group's channel, encoded one way by every script (Announcement decodes it in Java): a
-- JSON header of the format, the kind and the given fields in order ({name, value, name, value, ...}), then,
-- for a value sent inline, a newline and the value. Strings go through cjson; integers are written whole, as
-- cjson would round those above 14 digits (an epoch in microseconds) into an exponent.
local function encoded(kind, fields, inline)
  local parts = {'"v":' .. FORMAT, '"type":' .. cjson.encode(kind)}
  for i = 1, #fields, 2 do
    local value = fields[i + 1]
    if type(value) == 'string' then
      value = cjson.encode(value)
    elseif type(value) == 'boolean' then
      value = tostring(value)
    else
      value = string.format('%d', value)
    end
    parts[#parts + 1] = cjson.encode(fields[i]) .. ':' .. value
  end
  local header = '{' .. table.concat(parts, ',') .. '}'
  if inline then
    return header .. '\n' .. inline
  end
  return header
end
