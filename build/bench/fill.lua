-- Fills the caches before the measured runs and collects ETags: walks once through every lead id
-- (BENCH_FILL=ids, the first BENCH_FILL_LIMIT in rank order) or every list page (BENCH_FILL=pages, the
-- first BENCH_FILL_LIMIT) of one
-- user (BENCH_USER). Thread t of BENCH_THREADS takes positions t, t + BENCH_THREADS, ...
--
-- For ids, every 200 answer gives "id etag" for that user's etags file: the id is read from the body
-- (a LeadDto starts with "id"), so responses need not be matched to requests. Each thread writes its own
-- file (etags-<user>-<thread>.txt, merged by build/Bench.psm1) and, when its share is done, a marker file
-- fill-<thread>.done; build/Bench.psm1 then stops wrk with SIGINT. Until then a finished thread sends
-- GET /health/live.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("common")

local data_dir = os.getenv("BENCH_DATA") or "."
local what = os.getenv("BENCH_FILL") or "ids"
local user_name = os.getenv("BENCH_USER")
local limit = tonumber(os.getenv("BENCH_FILL_LIMIT") or "1000000000")
local stride = tonumber(os.getenv("BENCH_THREADS") or "1")
local user, pos, last, etags, finished, finished_at
local sent, answered = 0, 0

bench.on_init = function()
  for _, u in ipairs(bench.load_users(false)) do
    if u.name == user_name then user = u end
  end
  if not user then error("no user " .. tostring(user_name) .. " in users.tsv") end
  pos = tid or 1
  last = math.min(what == "pages" and user.pages or #user.ids, limit)
  if what == "ids" then etags = assert(io.open(data_dir .. "/etags-" .. user.name .. "-" .. (tid or 1) .. ".txt", "w")) end
end

local function finish()
  if finished then return end
  finished = true
  if etags then etags:close() end
  local marker = assert(io.open(data_dir .. "/fill-" .. (tid or 1) .. ".done", "w"))
  marker:close()
end

local verified = false
bench.next_request = function()
  -- wrk calls request() once on its first thread to check the script and never sends that request
  if (tid or 1) == 1 and not verified then
    verified = true
    return wrk.format("GET", "/health/live")
  end
  if pos > last then
    bench.count_kind("idle")
    return wrk.format("GET", "/health/live")
  end
  local p = pos
  pos = pos + stride
  sent = sent + 1
  bench.count_kind(what)
  if what == "pages" then
    return wrk.format("GET", "/api/leads?page=" .. p .. "&pageSize=25", user.auth)
  end
  return wrk.format("GET", "/api/leads/" .. user.ids[p], user.auth)
end

-- Finished when every request of this thread's share has been answered (answers to the idle requests
-- are "Healthy"), or 5 s after the last one was sent if some answer never comes (socket error).
bench.on_response = function(status, headers, body)
  if finished then return end
  if body ~= "Healthy" then
    answered = answered + 1
    if etags and status == 200 then
      local id = body:match('^{"id":"([^"]+)"')
      local etag = headers["ETag"] or headers["etag"]
      if id and etag then etags:write(id, " ", etag, "\n") end
    end
  end
  if pos > last then
    finished_at = finished_at or os.time()
    if answered >= sent or os.time() - finished_at >= 5 then finish() end
  end
end
