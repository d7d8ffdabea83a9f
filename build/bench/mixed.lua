-- mixed-read-only / mixed-writes-N: reads in the proportions 60 % lead by id, 30 % list page, 10 % summary
-- (users uniform, ids and pages by Zipf); BENCH_WRITES of all requests are writes.
--
-- A write is built from a lead the same wrk thread has just received (a 200 body of GET /api/leads/{id},
-- or of an earlier write, kept in a small queue and taken newest first), sent as the user that owns the lead's team (admin for Team C), without
-- a version, so it is last-writer-wins like a form that was open for a moment:
--   half   PUT /api/leads/{id} with only the notes changed
--   a quarter PUT /api/leads/{id} with another category
--   a quarter PATCH /api/leads/{id}/status to the next status of the pipeline (a Won lead changes category)
-- A write whose read is stale can still fail (409 for a status move that is no longer allowed, or a
-- concurrent update of the same lead); those answers are counted as failures like any other.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("common")
local json = bench.json

local write_share = tonumber(os.getenv("BENCH_WRITES") or "0")
-- BENCH_NOTES_ONLY=1: every write is a notes-only edit (to tell the write's own cost from the misses it causes)
local notes_only = os.getenv("BENCH_NOTES_ONLY") == "1"
local queue = {}
local queue_max = 32
local issued, writes = 0, 0

local next_status = {
  New = "Contacted", Contacted = "Qualified", Qualified = "Proposal", Proposal = "Qualified", Lost = "New",
}

local update_fields = {
  "name", "email", "company", "phone", "source", "categoryId", "estimatedValue", "score", "notes", "teamId", "ownerUserId",
}

bench.on_init = function()
  bench.load_users(false)
  bench.load_categories()
end

local function put_body(lead, changes)
  local fields, order = {}, {}
  for _, key in ipairs(update_fields) do
    local value = lead.fields[key]
    if changes[key] ~= nil then value = changes[key] end
    fields[key] = value
    order[#order + 1] = key
  end
  return json.encode({ fields = fields, order = order })
end

local function other_category(current)
  local c = bench.categories
  for _ = 1, 8 do
    local pick = c[math.random(#c)]
    if pick ~= current then return pick end
  end
  for _, pick in ipairs(c) do
    if pick ~= current then return pick end
  end
  return current
end

local function write_request(raw)
  local ok, lead = pcall(json.decode, raw)
  if not ok or type(lead) ~= "table" or not lead.fields or not lead.fields.id then return nil end
  local f = lead.fields
  local user = bench.by_team[f.teamId] or bench.admin
  local headers = { ["Authorization"] = user.auth["Authorization"], ["Content-Type"] = "application/json" }
  local path = "/api/leads/" .. f.id
  local kind = notes_only and 0 or writes % 4
  if kind == 3 and next_status[f.status] then
    bench.count_kind("write-status")
    return wrk.format("PATCH", path .. "/status", headers, '{"status":"' .. next_status[f.status] .. '"}')
  end
  if kind == 1 or kind == 3 then
    bench.count_kind("write-category")
    return wrk.format("PUT", path, headers, put_body(lead, { categoryId = other_category(f.categoryId) }))
  end
  bench.count_kind("write-notes")
  return wrk.format("PUT", path, headers, put_body(lead, { notes = "Load test edit " .. (tid or 0) .. "-" .. writes }))
end

local function read_request()
  local user = bench.any_user()
  local r = math.random()
  if r < 0.6 then
    bench.count_kind("by-id")
    return bench.lead_by_id(user)
  elseif r < 0.9 then
    bench.count_kind("list")
    return bench.list_page(user)
  end
  bench.count_kind("summary")
  return bench.summary(user)
end

bench.next_request = function()
  issued = issued + 1
  if write_share > 0 and writes < write_share * issued and #queue > 0 then
    local raw = table.remove(queue)
    local req = write_request(raw)
    if req then
      writes = writes + 1
      return req
    end
  end
  return read_request()
end

if write_share > 0 then
  bench.on_response = function(status, headers, body)
    if status == 200 and body:sub(1, 6) == '{"id":' then
      if #queue >= queue_max then table.remove(queue, 1) end
      queue[#queue + 1] = body
    end
  end
end
