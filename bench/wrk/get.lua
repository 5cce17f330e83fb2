-- GetItem of a random existing key (k0000000 .. k<BENCH_ITEMS-1>) from the get table.
-- A 200 without "Item" (the key was not found) is counted as missing.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local bench = dofile(dir .. "common.lua")

local headers = bench.headers("GetItem")
local prefix = '{"TableName":"' .. bench.get_table .. '","Key":{"pk":{"S":"'

bench.install()

function request()
  local key = string.format("k%07d", math.random(0, bench.items - 1))
  return wrk.format("POST", "/", headers, prefix .. key .. '"}}}')
end

function response(status, headers, body)
  if bench.count_status(status, body) and not string.find(body, '"Item"', 1, true) then
    missing = missing + 1
  end
end
