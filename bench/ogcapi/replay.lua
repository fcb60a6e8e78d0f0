-- wrk script: GETs the request paths of $OGCAPI_URLS (one path and query per line, written by
-- bench/ogcapi/urls.py) round robin, each thread starting at its own place. Counts non-200s.
local paths = {}
local list = io.open(os.getenv("OGCAPI_URLS"), "r")
for line in list:lines() do
  if line ~= "" then paths[#paths + 1] = line end
end
list:close()

local counter = 0
errors = 0  -- global: done() reads it from each thread
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  counter = id * 7919
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1], { ["Accept"] = "application/geo+json" })
end

function response(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("errors") end
  io.write(string.format(
    "RESULT rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f requests=%d non200=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.requests, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
