-- revalidate-304: GET /api/leads/{id} with If-None-Match carrying the ETag the API returned to that user
-- while the caches were filled (fill.lua); every answer should be 304 Not Modified.
-- Loads build/bench/common.lua from the folder of this script.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("common")

bench.on_init = function() bench.load_users(true) end
bench.next_request = function()
  bench.count_kind("revalidate")
  return bench.revalidate(bench.any_user())
end
