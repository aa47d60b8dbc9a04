-- Comes before every script. allowed() raises, before the script writes anything, the error Redis would raise
-- for the first command the ACL user may not run (Redis 7 and later can tell: redis.acl_check_cmd), so that a
-- script the ACL refuses never leaves half its writes. Redis 6 cannot tell; the start-up probe covers it.
-- The format of every announcement and record the scripts write, which RedisFormat.VERSION names in Java: an
-- instance drops and counts a message of a newer format, and keeps its data.
local FORMAT = 1

local function allowed(...)
  if redis.acl_check_cmd then
    for _, command in ipairs({...}) do
      if not redis.acl_check_cmd(unpack(command)) then
        error({err = "NOPERM this user has no permissions to run the '" .. string.lower(command[1]) .. "' command"})
      end
    end
  end
end
