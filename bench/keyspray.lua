-- wrk script for bench/keyspray.sh: a key-spraying client. Every request carries a new random, unknown API key; each
-- connection waits SPRAY_DELAY_MS between its requests, so the rate is about connections * 1000 / SPRAY_DELAY_MS.
--   SPRAY_DELAY_MS  milliseconds between a connection's requests (default 10)
wrk.method = "POST"
wrk.body = '{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Say hello"}]}'
wrk.headers["Content-Type"] = "application/json"

local pause = tonumber(os.getenv("SPRAY_DELAY_MS") or "10")
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

function setup(thread)
  thread:set("seed", math.random(1, 2^31 - 1))
end

function init(args)
  math.randomseed(seed + os.time())
end

function delay()
  return pause
end

function request()
  local key = {}
  for i = 1, 32 do
    local n = math.random(1, 64)
    key[i] = alphabet:sub(n, n)
  end
  return wrk.format(nil, nil, { ["Authorization"] = "Bearer aigw-" .. table.concat(key) })
end
