#!/usr/bin/env bash
# Profiles a cached hit: samples the API's managed stacks (dotnet-trace, ~100 Hz per thread) while wrk sends
# GET /api/leads/{id} for one hot lead at 100 connections, first plain (200 from the cache), then with
# If-None-Match (304), and prints the top frames of each (build/bench/top-frames.py). Used for the "Cost of a
# cached hit" section of docs/benchmarks.md. Starts (and stops again) the private services of this checkout;
# needs dotnet-trace (DOTNET_TRACE=path, or on PATH) and wrk. With TRACE=0 it only measures: the same two loads and
# /health/live, each for the given seconds, untraced (one hot key, so these rates are above the benchmark's).
#
# usage: [TRACE=0] build/bench/profile-hit.sh [seconds]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-8}
out=$root/artifacts/profile
trace=${DOTNET_TRACE:-dotnet-trace}
port=5097
mkdir -p "$out"
cd "$root"

api_pid=
cleanup() {
    if [[ -n $api_pid ]]; then kill -TERM "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; api_pid=; fi
    dotnet pwsh ./build.ps1 services stop >>"$out/services.log" 2>&1 || true
}
trap cleanup EXIT
trap 'exit 1' INT TERM

dotnet pwsh ./build.ps1 services start >"$out/services.log" 2>&1
dotnet publish src/Leads.Api -c Release -o "$out/api" --nologo -v q >"$out/publish.log"
(
    cd "$out/api"
    export ASPNETCORE_ENVIRONMENT=Development Database__ApplyMigrations=true Seed__Enabled=true Seed__Leads=1000
    export ConnectionStrings__Postgres="Host=127.0.0.1;Port=55432;Database=leads;Username=postgres;Pooling=true;Maximum Pool Size=200"
    export ConnectionStrings__Redis=127.0.0.1:56379 Caching__KeyPrefix="profile-$(date +%s)" Logging__LogLevel__Default=Warning
    exec dotnet Leads.Api.dll --urls "http://127.0.0.1:$port" >"$out/api.log" 2>&1
) &
api_pid=$!
url=http://127.0.0.1:$port
for _ in $(seq 1 600); do curl -fs "$url/health/live" >/dev/null 2>&1 && break; sleep 0.25; done

token=$(curl -fs -X POST "$url/api/auth/token" -H 'Content-Type: application/json' \
    -d '{"username":"sales-a","password":"sales-a-dev-password"}' | jq -r .accessToken)
id=$(curl -fs "$url/api/leads?pageSize=1" -H "Authorization: Bearer $token" | jq -r '.items[0].id')
etag=$(curl -fsi "$url/api/leads/$id" -H "Authorization: Bearer $token" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')

if [[ ${TRACE:-1} == 0 ]]; then
    echo 'wrk.path = "/health/live"' >"$out/hit-trivial.lua"
    for mode in trivial by-id revalidate trivial by-id revalidate; do
        [[ -f $out/hit-$mode.lua ]] || {
            echo "wrk.path = \"/api/leads/$id\""
            echo "wrk.headers[\"Authorization\"] = \"Bearer $token\""
            if [[ $mode == revalidate ]]; then echo "wrk.headers[\"If-None-Match\"] = '$etag'"; fi
        } >"$out/hit-$mode.lua"
        wrk -t2 -c100 -d3s -s "$out/hit-$mode.lua" "$url" >/dev/null
        echo "$mode: $(wrk -t2 -c100 -d"${seconds}"s -s "$out/hit-$mode.lua" "$url" | grep -E 'Requests/sec|Non-2xx' | tr -s ' ' | tr '\n' ' ')"
    done
    exit 0
fi

for mode in by-id revalidate; do
    {
        echo 'wrk.method = "GET"'
        echo "wrk.path = \"/api/leads/$id\""
        echo "wrk.headers[\"Authorization\"] = \"Bearer $token\""
        if [[ $mode == revalidate ]]; then echo "wrk.headers[\"If-None-Match\"] = '$etag'"; fi
    } >"$out/hit-$mode.lua"

    # Warm the JIT and the pools, then sample while the same load runs.
    wrk -t2 -c100 -d6s -s "$out/hit-$mode.lua" "$url" >/dev/null
    wrk -t2 -c100 -d"$((seconds + 4))"s --latency -s "$out/hit-$mode.lua" "$url" >"$out/wrk-$mode.txt" &
    wrk_pid=$!
    sleep 2
    "$trace" collect -p "$api_pid" --profile dotnet-sampled-thread-time --format Speedscope \
        --duration "00:00:00:$(printf %02d "$seconds")" -o "$out/hit-$mode.nettrace" >"$out/trace-$mode.log" 2>&1
    wait "$wrk_pid"
    echo "== $mode"
    grep -E "Requests/sec|Non-2xx" "$out/wrk-$mode.txt" || true
    python3 "$root/build/bench/top-frames.py" "$out/hit-$mode.speedscope.json" >"$out/top-$mode.txt"
    cat "$out/top-$mode.txt"
done
