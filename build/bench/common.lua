-- Shared by every scenario script of the load benchmark (build/Bench.psm1 runs them with wrk).
--
-- Input comes from environment variables that build/Bench.psm1 sets:
--   BENCH_DATA   folder with users.tsv (name, token, team, ids file, etags file, pages), categories.txt
--   BENCH_OUT    file this run's result is written to (JSON, by done())
--   BENCH_ZIPF   Zipf exponent for lead ids and list pages (default 1.0)
--   BENCH_ID_LIMIT, BENCH_PAGE_LIMIT  draw only among the first N ids / pages of each user (what the fill read)
--   BENCH_WRITES share of requests that are writes, 0..1 (mixed scenarios only)
--
-- Every thread counts responses by status in response(); done() adds the threads up together with
-- wrk's socket errors and latency percentiles. A scenario script defines next_request() and optionally
-- on_response(status, headers, body).

local M = {}

local data_dir = os.getenv("BENCH_DATA") or "."
local zipf_s = tonumber(os.getenv("BENCH_ZIPF") or "1.0")
local id_limit = tonumber(os.getenv("BENCH_ID_LIMIT") or "1000000000")
local page_limit = tonumber(os.getenv("BENCH_PAGE_LIMIT") or "1000000000")

-- ---------------------------------------------------------------------------------------------
-- files

local function lines(path)
  local f = io.open(path, "r")
  if not f then error("cannot open " .. path) end
  local out = {}
  for line in f:lines() do
    if line ~= "" then out[#out + 1] = line end
  end
  f:close()
  return out
end

local function split(text, sep)
  local out = {}
  for part in string.gmatch(text, "([^" .. sep .. "]*)") do out[#out + 1] = part end
  -- gmatch with * yields an empty match after each field in LuaJIT: keep every other one
  local fields = {}
  local i = 1
  while i <= #out do
    fields[#fields + 1] = out[i]
    i = i + 2
  end
  return fields
end

-- ---------------------------------------------------------------------------------------------
-- Zipf: rank k (1-based) is drawn with probability proportional to 1 / k^s.

local function zipf(n)
  local cdf = {}
  local total = 0
  for k = 1, n do
    total = total + 1 / (k ^ zipf_s)
    cdf[k] = total
  end
  return { n = n, cdf = cdf, total = total }
end

function M.draw(z)
  local u = math.random() * z.total
  local lo, hi = 1, z.n
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if z.cdf[mid] < u then lo = mid + 1 else hi = mid end
  end
  return lo
end

-- ---------------------------------------------------------------------------------------------
-- users: one per line of users.tsv; ids in rank order (the hottest first)

function M.load_users(with_etags)
  local users = {}
  for _, line in ipairs(lines(data_dir .. "/users.tsv")) do
    local f = split(line, "\t")
    local user = { name = f[1], token = f[2], team = f[3], etags_file = f[5], pages = tonumber(f[6]) }
    user.auth = { ["Authorization"] = "Bearer " .. user.token }
    user.ids = lines(data_dir .. "/" .. f[4])
    if with_etags then
      -- the ids with a known ETag, kept in rank order
      user.etags = {}
      user.etag_ids = {}
      for _, l in ipairs(lines(data_dir .. "/" .. f[5])) do
        local id, etag = l:match("^(%S+)%s+(.+)$")
        if id then user.etags[id] = etag end
      end
      for _, id in ipairs(user.ids) do
        if user.etags[id] then user.etag_ids[#user.etag_ids + 1] = id end
      end
      if #user.etag_ids == 0 then error("no ETags for " .. user.name) end
      user.zipf_etags = zipf(#user.etag_ids)
    end
    -- Draws stay within what the fill read (the first BENCH_ID_LIMIT ids, BENCH_PAGE_LIMIT pages in rank order), so
    -- a cached scenario measures hits also when there are more leads than the fill can read in its time.
    user.zipf_ids = zipf(math.min(#user.ids, id_limit))
    user.zipf_pages = zipf(math.max(1, math.min(user.pages, page_limit)))
    users[#users + 1] = user
  end
  M.users = users
  M.by_team = {}
  for _, u in ipairs(users) do
    if u.team ~= "" and u.team ~= "*" then M.by_team[u.team] = u end
    if u.team == "*" then M.admin = u end
  end
  return users
end

function M.load_categories()
  M.categories = lines(data_dir .. "/categories.txt")
  return M.categories
end

function M.any_user()
  return M.users[math.random(#M.users)]
end

-- ---------------------------------------------------------------------------------------------
-- the requests of the read scenarios

function M.lead_by_id(user)
  local id = user.ids[M.draw(user.zipf_ids)]
  return wrk.format("GET", "/api/leads/" .. id, user.auth)
end

function M.revalidate(user)
  local id = user.etag_ids[M.draw(user.zipf_etags)]
  local headers = { ["Authorization"] = user.auth["Authorization"], ["If-None-Match"] = user.etags[id] }
  return wrk.format("GET", "/api/leads/" .. id, headers)
end

function M.list_page(user)
  return wrk.format("GET", "/api/leads?page=" .. M.draw(user.zipf_pages) .. "&pageSize=25", user.auth)
end

function M.summary(user)
  return wrk.format("GET", "/api/leads/summary", user.auth)
end

-- ---------------------------------------------------------------------------------------------
-- a small JSON reader/writer for the write scenarios (numbers keep their text, so decimals round-trip)

local json = {}
M.json = json

local function skip(s, i)
  local _, e = s:find("^[ \t\r\n]*", i)
  return e + 1
end

local escapes = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }

local function parse_string(s, i)
  local out = {}
  i = i + 1
  while true do
    local c = s:sub(i, i)
    if c == "" then error("unterminated string") end
    if c == '"' then return table.concat(out), i + 1 end
    if c == "\\" then
      local e = s:sub(i + 1, i + 1)
      if e == "u" then
        local code = tonumber(s:sub(i + 2, i + 5), 16)
        if code < 128 then out[#out + 1] = string.char(code) else out[#out + 1] = "?" end
        i = i + 6
      else
        out[#out + 1] = escapes[e] or e
        i = i + 2
      end
    else
      local j = s:find('["\\]', i)
      if not j then error("unterminated string") end
      out[#out + 1] = s:sub(i, j - 1)
      i = j
    end
  end
end

local parse_value

local function parse_object(s, i)
  local obj, order = {}, {}
  i = skip(s, i + 1)
  if s:sub(i, i) == "}" then return { fields = obj, order = order }, i + 1 end
  while true do
    local key
    key, i = parse_string(s, skip(s, i))
    i = skip(s, i)
    if s:sub(i, i) ~= ":" then error("expected ':' at " .. i) end
    local value
    value, i = parse_value(s, skip(s, i + 1))
    obj[key] = value
    order[#order + 1] = key
    i = skip(s, i)
    local c = s:sub(i, i)
    if c == "}" then return { fields = obj, order = order }, i + 1 end
    if c ~= "," then error("expected ',' at " .. i) end
    i = i + 1
  end
end

local function parse_array(s, i)
  local arr = {}
  i = skip(s, i + 1)
  if s:sub(i, i) == "]" then return { items = arr }, i + 1 end
  while true do
    local value
    value, i = parse_value(s, skip(s, i))
    arr[#arr + 1] = value
    i = skip(s, i)
    local c = s:sub(i, i)
    if c == "]" then return { items = arr }, i + 1 end
    if c ~= "," then error("expected ',' at " .. i) end
    i = i + 1
  end
end

json.null = { null = true }

parse_value = function(s, i)
  local c = s:sub(i, i)
  if c == "{" then return parse_object(s, i) end
  if c == "[" then return parse_array(s, i) end
  if c == '"' then return parse_string(s, i) end
  if s:sub(i, i + 3) == "true" then return true, i + 4 end
  if s:sub(i, i + 4) == "false" then return false, i + 5 end
  if s:sub(i, i + 3) == "null" then return json.null, i + 4 end
  local num = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", i)
  if not num or num == "" then error("unexpected '" .. c .. "' at " .. i) end
  return { number = num }, i + #num
end

function json.decode(s)
  local value = parse_value(s, skip(s, 1))
  return value
end

local function encode_string(v)
  return '"' .. v:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\" elseif c == "\n" then return "\\n" end
    return string.format("\\u%04x", c:byte())
  end) .. '"'
end

function json.encode(v)
  local t = type(v)
  if t == "string" then return encode_string(v) end
  if t == "boolean" then return tostring(v) end
  if t == "number" then return tostring(v) end
  if v == nil or v == json.null then return "null" end
  if v.number then return v.number end
  if v.items then
    local parts = {}
    for _, item in ipairs(v.items) do parts[#parts + 1] = json.encode(item) end
    return "[" .. table.concat(parts, ",") .. "]"
  end
  local parts = {}
  for _, key in ipairs(v.order) do
    if v.fields[key] ~= nil then parts[#parts + 1] = encode_string(key) .. ":" .. json.encode(v.fields[key]) end
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

-- ---------------------------------------------------------------------------------------------
-- wrk hooks: thread ids, counting by status, the result file

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
  threads[#threads + 1] = thread
end

-- Per-thread counters live in plain number globals ("s_200", "k_read"), because thread:get copies numbers
-- and strings safely; the names in use are listed in the string globals status_keys and kind_keys.
status_keys = ""
kind_keys = ""

local names = { ["s_"] = {}, ["k_"] = {} }

local function bump(prefix, key)
  local name = names[prefix][key]
  if name == nil then
    name = prefix .. key
    names[prefix][key] = name
  end
  local v = _G[name]
  if v == nil then
    v = 0
    if prefix == "s_" then status_keys = status_keys .. key .. "," else kind_keys = kind_keys .. key .. "," end
  end
  _G[name] = v + 1
end

function M.count_kind(kind)
  bump("k_", kind)
end

-- wrk reads these globals
function init(args)
  math.randomseed((tid or 1) * 7919 + os.time())
  if M.on_init then M.on_init() end
end

function request()
  return M.next_request()
end

function response(status, headers, body)
  bump("s_", status)
  if M.on_response then M.on_response(status, headers, body) end
end

local function add_counts(t, prefix, keys, into)
  for key in string.gmatch(t:get(keys) or "", "([^,]+)") do
    into[key] = (into[key] or 0) + (t:get(prefix .. key) or 0)
  end
end

local function json_map(tbl)
  local parts = {}
  for k, v in pairs(tbl) do parts[#parts + 1] = string.format("%q:%d", k, v) end
  return "{" .. table.concat(parts, ",") .. "}"
end

function done(summary, latency, requests)
  local by_status, by_kind = {}, {}
  for _, t in ipairs(threads) do
    add_counts(t, "s_", "status_keys", by_status)
    add_counts(t, "k_", "kind_keys", by_kind)
  end
  local e = summary.errors
  local out = string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%.1f,"p90":%.1f,"p99":%.1f,"mean":%.1f,"max":%.1f},' ..
    '"statuses":%s,"kinds":%s}',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max,
    json_map(by_status), json_map(by_kind))
  local path = os.getenv("BENCH_OUT")
  if path and path ~= "" then
    local f = assert(io.open(path, "w"))
    f:write(out, "\n")
    f:close()
  else
    print(out)
  end
end

return M
