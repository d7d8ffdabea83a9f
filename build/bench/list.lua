-- list-cached: GET /api/leads?page=N&pageSize=25, pages by Zipf within each user's page count.
-- Loads build/bench/common.lua from the folder of this script.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("common")

bench.on_init = function() bench.load_users(false) end
bench.next_request = function()
  bench.count_kind("list")
  return bench.list_page(bench.any_user())
end
