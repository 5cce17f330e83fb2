-- PutItem of a new ~200-byte item under a fresh random key into the put table. Keys are a
-- random 64-bit hex prefix chosen per thread and run plus a counter, so they never repeat.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local bench = dofile(dir .. "common.lua")

local headers = bench.headers("PutItem")
local prefix = '{"TableName":"' .. bench.put_table .. '","Item":'
local run, counter

bench.init = function()
  run = string.format("%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
  counter = 0
end
bench.install()

function request()
  counter = counter + 1
  local key = string.format("n%s-%d-%d-%04x", run, tid, counter, math.random(0, 0xffff))
  return wrk.format("POST", "/", headers, prefix .. bench.item_json(key) .. "}")
end

function response(status, headers, body)
  bench.count_status(status, body)
end
