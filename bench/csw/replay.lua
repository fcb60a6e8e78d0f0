-- wrk script: replays the GetRecords bodies of $CSW_BODIES (one per line, files written by
-- requests.py) round robin; with CSW_MIX=inspire one request in ten is a GetCapabilities
-- (the INSPIRE discovery-service mix). Counts non-200 answers.
local bodies = {}
local path = os.getenv("CSW_PATH") or "/csw"
local mix = os.getenv("CSW_MIX") == "inspire"
local list = io.open(os.getenv("CSW_BODIES"), "r")
for file in list:lines() do
  local f = io.open(file, "r")
  bodies[#bodies + 1] = f:read("*a")
  f:close()
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
  if mix and counter % 10 == 0 then
    return wrk.format("GET", path .. "?service=CSW&version=2.0.2&request=GetCapabilities")
  end
  local body = bodies[(counter % #bodies) + 1]
  return wrk.format("POST", path, { ["Content-Type"] = "application/xml" }, body)
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
