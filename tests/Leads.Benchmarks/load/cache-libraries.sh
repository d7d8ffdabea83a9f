#!/usr/bin/env bash
# Side-by-side HTTP comparison of our engine with FusionCache, HybridCache and ASP.NET Output Caching,
# all serving the same cached lead from one host (see SideBySideHost.cs), loaded with wrk in one run.
#
#   bash tests/Leads.Benchmarks/load/cache-libraries.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
DURATION="${1:-10}"
CONNECTIONS="${2:-100}"
PORT=5099
OUT="$(pwd)/artifacts/load"
mkdir -p "$OUT"
dotnet publish tests/Leads.Benchmarks -c Release -o "$OUT/bench" --nologo -v q > /dev/null
dotnet "$OUT/bench/Leads.Benchmarks.dll" serve "$PORT" > "$OUT/side-by-side.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/plain" > /dev/null && break; sleep 0.5; done
echo "| endpoint | connections | req/s | p50 | p99 |" | tee "$OUT/side-by-side.md"
echo "|---|---|---|---|---|" | tee -a "$OUT/side-by-side.md"
for path in plain ours fusion hybrid output; do
    wrk -t2 -c50 -d3s "http://127.0.0.1:$PORT/$path" > /dev/null 2>&1   # warm-up
done
for round in 1 2; do
    for path in plain ours fusion hybrid output; do
        result=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/$path")
        printf '| /%s (round %s) | %s | %s | %s | %s |\n' "$path" "$round" "$CONNECTIONS" \
            "$(echo "$result" | awk '/Requests\/sec/ {print $2}')" \
            "$(echo "$result" | awk '$1=="50%" {print $2}')" \
            "$(echo "$result" | awk '$1=="99%" {print $2}')" | tee -a "$OUT/side-by-side.md"
    done
done
