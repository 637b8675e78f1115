-- One scenario for wrk, set by the environment:
--   BENCH_PATH   the path; "{id}" in it takes a random line of BENCH_IDS on each request
--   BENCH_IDS    a file of ids, one per line
--   BENCH_BODY   a file whose content is POSTed as JSON (the method is then POST)
--   BENCH_TOKEN  a bearer token
--   BENCH_HEADER one more header, "Name: value"
-- done() prints one JSON line: requests/s, latency percentiles in ms, non-2xx/3xx answers and socket errors.

local path = os.getenv("BENCH_PATH") or "/"
local ids = {}

local function read(file)
  local f = assert(io.open(file, "rb"))
  local content = f:read("*a")
  f:close()
  return content
end

function init(args)
  local file = os.getenv("BENCH_IDS")
  if file and file ~= "" then
    for line in io.lines(file) do
      if line ~= "" then ids[#ids + 1] = line end
    end
  end
  local body = os.getenv("BENCH_BODY")
  if body and body ~= "" then
    wrk.method = "POST"
    wrk.body = read(body)
    wrk.headers["Content-Type"] = "application/json"
  end
  local token = os.getenv("BENCH_TOKEN")
  if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
  local header = os.getenv("BENCH_HEADER")
  if header and header ~= "" then
    local name, value = header:match("^([^:]+):%s*(.*)$")
    wrk.headers[name] = value
  end
  math.randomseed(os.time() + (tonumber(tostring(args):match("0x(%x+)") or "0", 16) or 0))
end

function request()
  if #ids > 0 then
    return wrk.format(nil, (path:gsub("{id}", ids[math.random(#ids)])))
  end
  return wrk.format(nil, path)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"bytes":%d,"non_2xx":%d,"socket_errors":%d}\n',
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, summary.bytes, e.status,
    e.connect + e.read + e.write + e.timeout))
end
