-- wrk script for bench/run.sh: non-streamed OpenAI chat completions whose 2 KB prompt is new on every request
-- (every sentence carries the request's number), so that nothing the gateway keeps per text (the prompt-injection
-- check's sentence vectors) is reused.
--   BENCH_AUTH  bearer secret sent as "Authorization: Bearer <secret>"
local auth = os.getenv("BENCH_AUTH")
local counter = 0
local thread_tag = tostring(math.random(1, 1000000))
local sentences = {
  "Please summarise the quarterly review for the regional sales team",
  "Revenue grew in the northern districts while the southern stores saw flat demand",
  "The new loyalty programme lifted repeat visits across most of the larger branches",
  "The logistics partner cut delivery times by two days after the depot moved",
  "Staff turnover fell slightly, although two store managers retired in the spring",
  "Marketing spend stayed within budget and the autumn campaign reached more families",
  "Inventory write-offs were lower than last year thanks to the new forecasting tool",
  "The board asked for a clearer view of margins per product line before the next meeting",
  "Customer complaints mostly concerned parking and the opening hours on Sundays",
  "Energy costs rose again, so the facilities team is reviewing the lighting contracts",
  "Online orders now make up a fifth of revenue and keep growing every month",
  "The team proposes two pilot stores for self-checkout in the coming quarter",
}
request = function()
  counter = counter + 1
  local parts = {}
  for i = 1, 20 do  -- about 2,000 characters
    parts[#parts + 1] = "Item " .. thread_tag .. "-" .. counter .. "." .. i .. ": " .. sentences[(i - 1) % #sentences + 1] .. "."
  end
  local text = table.concat(parts, " ")
  local body = '{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"' .. text .. '"}]}'
  local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
  if auth ~= nil and auth ~= "" then
    headers["Authorization"] = "Bearer " .. auth
  end
  return wrk.format("POST", nil, headers, body)
end
