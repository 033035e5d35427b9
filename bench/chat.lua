-- wrk script for bench/run.sh: non-streamed OpenAI chat completion.
--   BENCH_AUTH  bearer secret sent as "Authorization: Bearer <secret>" (optional)
--   BENCH_BODY  request body (optional; default below)
--   BENCH_CACHE x-aigw-cache header value (optional: bypass or refresh)
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
  or '{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Say hello"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"

local auth = os.getenv("BENCH_AUTH")
if auth ~= nil and auth ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. auth
end

local cache = os.getenv("BENCH_CACHE")
if cache ~= nil and cache ~= "" then
  wrk.headers["x-aigw-cache"] = cache
end
