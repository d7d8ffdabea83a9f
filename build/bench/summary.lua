-- summary-cached: GET /api/leads/summary of the drawn user.
-- Loads build/bench/common.lua from the folder of this script.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("common")

bench.on_init = function() bench.load_users(false) end
bench.next_request = function()
  bench.count_kind("summary")
  return bench.summary(bench.any_user())
end
