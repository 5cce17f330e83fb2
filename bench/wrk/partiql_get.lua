-- ExecuteStatement SELECT of a random existing key from the get table: PartiQL beside get.lua's
-- GetItem on the same data (the statement lowers to a GetItem).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local bench = dofile(dir .. "common.lua")

local headers = bench.headers("ExecuteStatement")
local prefix = '{"Statement":"SELECT * FROM \\"' .. bench.get_table .. '\\" WHERE pk = ?","Parameters":[{"S":"'

bench.install()

function request()
  local key = string.format("k%07d", math.random(0, bench.items - 1))
  return wrk.format("POST", "/", headers, prefix .. key .. '"}]}')
end

function response(status, headers, body)
  if bench.count_status(status, body) and not string.find(body, '"pk"', 1, true) then
    missing = missing + 1
  end
end
