#!/bin/bash
# Run as root under the machine lock: /work/locked.sh bash build/bench/outbox-replay-window.sh (docs/benchmarks.md, "Outbox replay window").
# Outbox statement costs: old (delete applied rows at once) vs new (mark applied, keep for the window).
set -e
W=${TMPDIR:-/tmp}/outbox-bench; rm -rf "$W"; mkdir -p "$W"; chown postgres "$W"; cd "$W"
B=/usr/lib/postgresql/15/bin
D=$W/data; rm -rf $D; mkdir -p $D; chown postgres $D
runuser -u postgres -- $B/initdb -D $D -A trust -U postgres >/dev/null
runuser -u postgres -- $B/pg_ctl -D $D -o "-p 55999 -k $W -c listen_addresses=''" -l $W/log -w start >/dev/null
P="-h $W -p 55999 -U postgres"
trap "runuser -u postgres -- $B/pg_ctl -D $D -m fast stop >/dev/null" EXIT
psql() { $B/psql $P -q -X "$@"; }
setup() {
psql -c "DROP TABLE IF EXISTS o; CREATE TABLE o (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tags text[] NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), applied_at timestamptz);"
if [ "$1" = new ]; then
psql -c "CREATE INDEX o_pending ON o (id) WHERE applied_at IS NULL;"
# steady state at 100 writes/s: 75 s of applied rows
psql -c "INSERT INTO o (tags, created_at, applied_at) SELECT ARRAY['lead:'||g,'team-leads:a','all'], now() - (g/100.0) * interval '1 second', now() - (g/100.0) * interval '1 second' FROM generate_series(1,7500) g;"
fi
psql -c "VACUUM ANALYZE o;"
}
# one write's insert (in its own transaction, as the save does), then the 100 ms batch of 10 ids settles them
cat > old.sql <<'S'
BEGIN;
INSERT INTO o (tags) SELECT ARRAY['lead:'||g,'team-leads:a','all'] FROM generate_series(1,10) g;
COMMIT;
DELETE FROM o WHERE id IN (SELECT id FROM o WHERE id > (SELECT max(id) - 10 FROM o) FOR UPDATE SKIP LOCKED);
S
cat > new.sql <<'S'
BEGIN;
INSERT INTO o (tags) SELECT ARRAY['lead:'||g,'team-leads:a','all'] FROM generate_series(1,10) g;
COMMIT;
UPDATE o SET applied_at = now() WHERE id IN (SELECT id FROM o WHERE id > (SELECT max(id) - 10 FROM o) AND applied_at IS NULL FOR UPDATE SKIP LOCKED);
S
cat > claim.sql <<'S'
BEGIN;
SELECT id, tags, created_at FROM o WHERE applied_at IS NULL AND created_at < now() - interval '1 second' ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED;
COMMIT;
S
cat > claim_old.sql <<'S'
BEGIN;
SELECT id, tags, created_at FROM o WHERE created_at < now() - interval '1 second' ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED;
COMMIT;
S
pb() { $B/pgbench $P -n -c 1 -T $2 -f $1 postgres 2>/dev/null | grep -E "latency average"; }
for round in 1 2; do
setup old; echo "old batch (insert 10 + delete 10):  $(pb old.sql 15)"; echo "old claim (empty table):           $(pb claim_old.sql 5)"
setup new; echo "new batch (insert 10 + mark 10):    $(pb new.sql 15)"; echo "new claim (7,500 applied rows):     $(pb claim.sql 5)"
psql -c "\timing on" -c "DELETE FROM o WHERE applied_at < now() - interval '60 seconds';" | grep -i time | sed 's/^/cleanup delete (rows outside window): /'
done
