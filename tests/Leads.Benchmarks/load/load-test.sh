#!/usr/bin/env bash
# HTTP load test of the real API (Release build) with wrk, comparing cache configurations in one run.
#
#   [CONFIGS="redis-only full"] bash tests/Leads.Benchmarks/load/load-test.sh [duration-seconds] [connections...]
#
# Needs the private services (dotnet pwsh ./build.ps1 services start) or ConnectionStrings__* set, and wrk
# (apt-get install -y wrk). For each configuration it starts the API on its own port, warms it up, then runs
# wrk on GET /api/leads/{id}, GET /api/leads?page=N (random pages) and GET /api/leads/summary as sales-a.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

DURATION="${1:-10}"
shift || true
CONNECTIONS=("${@:-100 2000}")
[ "${#CONNECTIONS[@]}" -eq 1 ] && read -r -a CONNECTIONS <<< "${CONNECTIONS[0]}"
PG="${ConnectionStrings__Postgres:-Host=127.0.0.1;Port=55432;Database=leads;Username=postgres;Maximum Pool Size=200}"
REDIS="${ConnectionStrings__Redis:-127.0.0.1:56379}"
PORT=5090
OUT="$(pwd)/artifacts/load"
mkdir -p "$OUT"

dotnet publish src/Leads.Api -c Release -o "$OUT/api" --nologo -v q > /dev/null

start_api() { # name, extra env...
    local name="$1"; shift
    # The content root is the working directory: run from the published folder so its appsettings are read.
    (cd "$OUT/api" && exec env ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Postgres="$PG" ConnectionStrings__Redis="$REDIS" \
        Database__ApplyMigrations=true Seed__Enabled=true Caching__KeyPrefix="load-$name" \
        Logging__LogLevel__Default=Warning "$@" \
        dotnet Leads.Api.dll --urls "http://127.0.0.1:$PORT" > "$OUT/api-$name.log" 2>&1) &
    API_PID=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health/live" > /dev/null && return 0; sleep 0.5; done
    echo "API did not start, see $OUT/api-$name.log"; exit 1
}

stop_api() { kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; }

token() {
    curl -s -X POST "http://127.0.0.1:$PORT/api/auth/token" -H 'Content-Type: application/json' \
        -d '{"username":"sales-a","password":"sales-a-dev-password"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/'
}

cat > "$OUT/lead.lua" <<'LUA'
-- Requests a random lead among the first 200 ids of the caller's first list pages.
local ids = {}
function init(args) for id in string.gmatch(args[1], "[^,]+") do table.insert(ids, id) end end
request = function() return wrk.format("GET", "/api/leads/" .. ids[math.random(#ids)]) end
LUA
cat > "$OUT/list.lua" <<'LUA'
request = function() return wrk.format("GET", "/api/leads?pageSize=25&page=" .. math.random(1, 40)) end
LUA

run_case() { # config, endpoint-name, connections, wrk args...
    local config="$1" endpoint="$2" c="$3"; shift 3
    local threads=$(( c < 2 ? 1 : 2 ))
    local result
    result=$(wrk -t"$threads" -c"$c" -d"${DURATION}s" --timeout 10s --latency -H "Authorization: Bearer $TOKEN" "$@" 2>&1)
    local rps p50 p99 errors non2xx
    rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$result" | awk '$1=="50%" {print $2}')
    p99=$(echo "$result" | awk '$1=="99%" {print $2}')
    errors=$(echo "$result" | awk '/Socket errors/ {print $0}' | sed 's/.*Socket errors: //')
    non2xx=$(echo "$result" | awk '/Non-2xx/ {print $5}')
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$config" "$endpoint" "$c" "$rps" "$p50" "$p99" "${non2xx:-0} non-2xx ${errors:+; $errors}" | tee -a "$OUT/results.md"
}

rm -f "$OUT/metrics.txt"
echo "| configuration | endpoint | connections | req/s | p50 | p99 | errors |" | tee "$OUT/results.md"
echo "|---|---|---|---|---|---|---|" | tee -a "$OUT/results.md"
for config in ${CONFIGS:-no-cache redis-only full}; do
    case "$config" in
        no-cache) start_api "$config" Caching__ApiLevelEnabled=false Caching__DbLevelEnabled=false Caching__Warmup__Enabled=false ;;
        redis-only) start_api "$config" Caching__L1__Enabled=false ;;
        full) start_api "$config" ;;
    esac
    TOKEN=$(token)
    IDS=$(curl -s "http://127.0.0.1:$PORT/api/leads?pageSize=100" -H "Authorization: Bearer $TOKEN" | grep -o '"id":"[^"]*"' | head -100 | cut -d'"' -f4 | paste -sd, -)
    # Warm-up: tiered JIT reaches its optimized code only after a few seconds of traffic; pools and cache entries fill.
    wrk -t2 -c50 -d8s -H "Authorization: Bearer $TOKEN" -s "$OUT/lead.lua" "http://127.0.0.1:$PORT" -- "$IDS" > /dev/null 2>&1
    wrk -t2 -c50 -d5s -H "Authorization: Bearer $TOKEN" -s "$OUT/list.lua" "http://127.0.0.1:$PORT" > /dev/null 2>&1
    wrk -t2 -c50 -d5s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/leads/summary" > /dev/null 2>&1
    for c in "${CONNECTIONS[@]}"; do
        run_case "$config" "GET /api/leads/{id}" "$c" -s "$OUT/lead.lua" "http://127.0.0.1:$PORT" -- "$IDS"
        run_case "$config" "GET /api/leads?page=N" "$c" -s "$OUT/list.lua" "http://127.0.0.1:$PORT"
        run_case "$config" "GET /api/leads/summary" "$c" "http://127.0.0.1:$PORT/api/leads/summary"
    done
    # What reached Postgres and whether Redis calls failed under this load (Leads.Cache meters).
    curl -s "http://127.0.0.1:$PORT/metrics" | grep -E '^leads_cache_(loads|redis_failures)_total' | sed "s/^/$config: /" | tee -a "$OUT/metrics.txt" || true
    stop_api
done
echo "Results written to $OUT/results.md"
