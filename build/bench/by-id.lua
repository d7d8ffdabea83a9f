-- by-id-cached / by-id-uncached: GET /api/leads/{id}, users drawn uniformly, ids by Zipf within each user's leads.
-- Loads build/bench/common.lua from the folder of this script.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("common")

bench.on_init = function() bench.load_users(false) end
bench.next_request = function()
  bench.count_kind("by-id")
  return bench.lead_by_id(bench.any_user())
end
