-- wrk script for bench/api/run. From the environment:
--   BENCH_TOKEN  bearer token (optional; the floor ignores it)
--   BENCH_BODY   path of a JSON file: when set, requests are POSTs with that body
-- Prints one machine-readable line at the end (parsed by bench/api/run).
local token = os.getenv("BENCH_TOKEN")
local body_file = os.getenv("BENCH_BODY")

if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
wrk.headers["Accept"] = "application/json"
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
