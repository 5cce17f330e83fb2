-- Shared by get.lua and put.lua: DynamoDB wire headers, per-thread counters and the result line.
--
-- Environment read by the scripts:
--   BENCH_ITEMS  keys k0000000 .. k<ITEMS-1> exist in the get table (default 10000)
--   BENCH_GET_TABLE / BENCH_PUT_TABLE  table names (default bench_get / bench_put)
--   BENCH_ACCESS_KEY  the access key id in Authorization (dynarock keeps tables per access key
--                     and region, so it must match the one the tables were created with)
--
-- done() prints one tab-separated line that bench/run.sh parses:
--   BENCHRESULT rps p50_ms p99_ms non200 requests socket_errors missing_items
-- and the first non-200 response body, if any, as a NON200SAMPLE line.
local M = {}

M.items = tonumber(os.getenv("BENCH_ITEMS") or "10000")
M.get_table = os.getenv("BENCH_GET_TABLE") or "bench_get"
M.put_table = os.getenv("BENCH_PUT_TABLE") or "bench_put"
local access_key = os.getenv("BENCH_ACCESS_KEY") or "bench"

function M.headers(operation)
  return {
    ["Content-Type"] = "application/x-amz-json-1.0",
    ["X-Amz-Target"] = "DynamoDB_20120810." .. operation,
    ["X-Amz-Date"] = "20250101T000000Z",
    ["Authorization"] = "AWS4-HMAC-SHA256 Credential=" .. access_key ..
      "/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, " ..
      "Signature=" .. string.rep("0", 64),
  }
end

-- The ~200-byte item (DynamoDB size accounting) the loader (bench/ddb.py) writes too.
function M.item_json(key)
  return '{"pk":{"S":"' .. key .. '"},"seq":{"N":"4711"},"price":{"N":"12.50"},"active":{"BOOL":true},' ..
    '"name":{"S":"benchmark item name"},"payload":{"S":"' .. string.rep("x", 130) .. '"}}'
end

-- Thread bookkeeping. setup() runs in the main Lua state once per thread before it starts;
-- everything else runs in the thread's own state, so counters are per thread and summed in done().
local threads = {}
function M.install()
  function setup(thread)
    thread:set("tid", #threads + 1)
    table.insert(threads, thread)
  end
  function init(args)
    non200, missing, sample = 0, 0, ""
    tid = tid or 1
    -- Seed per thread and per run: keys differ between threads and between repeated runs.
    math.randomseed(os.time() * 1000 + tid * 7919 + math.floor((os.clock() * 1e6) % 1000))
    if M.init then M.init() end
  end
  function done(summary, latency, requests)
    local bad, miss, first = 0, 0, ""
    for _, t in ipairs(threads) do
      bad = bad + (t:get("non200") or 0)
      miss = miss + (t:get("missing") or 0)
      if first == "" then first = t:get("sample") or "" end
    end
    local e = summary.errors
    local sock = e.connect + e.read + e.write + e.timeout
    local seconds = summary.duration / 1e6
    io.write(string.format("BENCHRESULT\t%.1f\t%.3f\t%.3f\t%d\t%d\t%d\t%d\n",
      summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      bad, summary.requests, sock, miss))
    if first ~= "" then io.write("NON200SAMPLE\t" .. first:gsub("[\r\n\t]", " ") .. "\n") end
  end
end

-- Counts a non-200 and keeps the first one's status and body for the report.
function M.count_status(status, body)
  if status ~= 200 then
    non200 = non200 + 1
    if sample == "" then sample = status .. " " .. string.sub(body or "", 1, 300) end
    return false
  end
  return true
end

return M
