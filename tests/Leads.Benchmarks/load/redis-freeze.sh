#!/usr/bin/env bash
# Reads while Redis is frozen: 40 wrk connections on GET /api/leads/{id} (random ids among 100) against the real
# API (Release), with a redis-server of its own that is SIGSTOPped for 3 s and then SIGCONTed. Prints wrk's
# latency for the 3 s of the freeze and for the 3 s after it, for three settings: the soft timeout off, outage
# stamps off (every read during the freeze loads from Postgres), and the defaults (L1 answers under outage stamps).
#
#   bash tests/Leads.Benchmarks/load/redis-freeze.sh
#
# Needs the private Postgres (dotnet pwsh ./build.ps1 services start) or ConnectionStrings__Postgres set, wrk and
# redis-server (apt-get install -y wrk redis-server).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

PG="${ConnectionStrings__Postgres:-Host=127.0.0.1;Port=55432;Database=leads;Username=postgres;Maximum Pool Size=200}"
PORT=5091
REDIS_PORT=56391
CONNECTIONS=40
OUT="$(pwd)/artifacts/redis-freeze"
mkdir -p "$OUT"

dotnet publish src/Leads.Api -c Release -o "$OUT/api" --nologo -v q > /dev/null

# Not daemonized: it stays a child of this script (and of its process group), so it stops with it.
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
    --maxmemory 512mb --maxmemory-policy volatile-lru > "$OUT/redis.log" 2>&1 &
REDIS_PID=$!
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping > /dev/null 2>&1 && break; sleep 0.1; done
API_PID=
cleanup() {
    kill -CONT "$REDIS_PID" 2>/dev/null || true
    [ -n "$API_PID" ] && { kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; }
    kill "$REDIS_PID" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 143' INT TERM

cat > "$OUT/lead.lua" <<'LUA'
local ids = {}
function init(args) for id in string.gmatch(args[1], "[^,]+") do table.insert(ids, id) end end
request = function() return wrk.format("GET", "/api/leads/" .. ids[math.random(#ids)]) end
LUA

latency() { # phase, wrk output
    echo "$2" | awk -v phase="$1" -v config="$CONFIG" '
        $1=="Latency" && NF>=4 {max=$4} $1=="50%" {p50=$2} $1=="99%" {p99=$2} /Requests\/sec/ {rps=$2}
        /Non-2xx/ {bad=$5}
        END {printf "| %s | %s | %s | %s | %s | %s | %s |\n", config, phase, rps, p50, p99, max, bad+0}'
}

echo "| setting | phase | req/s | p50 | p99 | worst | non-2xx |"
echo "|---|---|---|---|---|---|---|"
for CONFIG in soft-timeout-off outage-stamps-off defaults; do
    soft=00:00:00.050; [ "$CONFIG" = soft-timeout-off ] && soft=00:00:00.250
    outage=true; [ "$CONFIG" = outage-stamps-off ] && outage=false
    (cd "$OUT/api" && exec env ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Postgres="$PG" \
        ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" Database__ApplyMigrations=true Seed__Enabled=true \
        Caching__KeyPrefix="freeze-$CONFIG" Caching__Redis__SoftTimeout="$soft" Caching__Outage__Enabled="$outage" Logging__LogLevel__Default=Warning \
        dotnet Leads.Api.dll --urls "http://127.0.0.1:$PORT" > "$OUT/api-$CONFIG.log" 2>&1) &
    API_PID=$!
    for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/health/live" > /dev/null && break; sleep 0.5; done
    TOKEN=$(curl -s -X POST "http://127.0.0.1:$PORT/api/auth/token" -H 'Content-Type: application/json' \
        -d '{"username":"sales-a","password":"sales-a-dev-password"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
    IDS=$(curl -s "http://127.0.0.1:$PORT/api/leads?pageSize=100" -H "Authorization: Bearer $TOKEN" | grep -o '"id":"[^"]*"' | head -100 | cut -d'"' -f4 | paste -sd, -)
    wrk -t2 -c"$CONNECTIONS" -d10s -H "Authorization: Bearer $TOKEN" -s "$OUT/lead.lua" "http://127.0.0.1:$PORT" -- "$IDS" > /dev/null 2>&1
    latency "before" "$(wrk -t2 -c"$CONNECTIONS" -d3s --timeout 10s --latency -H "Authorization: Bearer $TOKEN" -s "$OUT/lead.lua" "http://127.0.0.1:$PORT" -- "$IDS" 2>&1)"
    kill -STOP "$REDIS_PID"
    frozen=$(wrk -t2 -c"$CONNECTIONS" -d3s --timeout 10s --latency -H "Authorization: Bearer $TOKEN" -s "$OUT/lead.lua" "http://127.0.0.1:$PORT" -- "$IDS" 2>&1)
    kill -CONT "$REDIS_PID"
    latency "frozen 3 s" "$frozen"
    latency "after the resume" "$(wrk -t2 -c"$CONNECTIONS" -d3s --timeout 10s --latency -H "Authorization: Bearer $TOKEN" -s "$OUT/lead.lua" "http://127.0.0.1:$PORT" -- "$IDS" 2>&1)"
    curl -s "http://127.0.0.1:$PORT/metrics" | grep -E '^leads_cache_redis_failures_total' | sed "s/^/# $CONFIG: /" || true
    kill "$API_PID"; wait "$API_PID" 2>/dev/null || true; API_PID=
done
