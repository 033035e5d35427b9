-- wrk script for bench/run.sh: non-streamed OpenAI chat completion.
--   BENCH_AUTH  bearer secret sent as "Authorization: Bearer <secret>" (optional)
--   BENCH_BODY  request body (optional; default below)
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
  or '{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Say hello"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"

local auth = os.getenv("BENCH_AUTH")
if auth ~= nil and auth ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. auth
end
