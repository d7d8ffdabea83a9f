-- trivial: GET /health/live of the same API process, the ceiling of this machine for the whole pipeline.
-- Loads build/bench/common.lua from the folder of this script.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("common")

bench.next_request = function()
  bench.count_kind("health")
  return wrk.format("GET", "/health/live")
end
