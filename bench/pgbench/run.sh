#!/usr/bin/env bash
# The raw PostgreSQL limit for the bookings BookingBench makes through BookWise:
#   1. insert.sql        one booking per transaction into a table with an exclusion constraint per host
#   2. insert_event.sql  the same plus an event row shaped like Axon's domain_event_entry, in one transaction
#
#   bash bench/pgbench/run.sh [clients=64] [seconds=60]
#
# Creates a scratch database (PGBENCH_DB, default bookwise_pgbench; dropped and recreated, dropped again at
# the end unless KEEP_DB=1) on PGHOST:PGPORT (127.0.0.1:5432) as PGUSER (postgres; trust auth or PGPASSWORD),
# runs `pgbench -n -c C -j 2 -T D -M prepared` for each script and prints pgbench's TPS and average latency
# plus p50/p95/p99/max from its per-transaction log. PGBENCH_PROTOCOL=simple|extended|prepared picks the
# query protocol (prepared, like the JDBC driver's server-side statements after a few executions).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CLIENTS="${1:-64}"
SECONDS_="${2:-60}"
export PGOPTIONS="${PGOPTIONS:--c client_min_messages=warning}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="${PGBENCH_DB:-bookwise_pgbench}"
PROTOCOL="${PGBENCH_PROTOCOL:-prepared}"
[[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "PGBENCH_DB must be a plain lower-case name" >&2; exit 2; }

free_connections="$(psql -X -At -d postgres -c "SELECT current_setting('max_connections')::int
  - current_setting('superuser_reserved_connections')::int - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')")"
if (( CLIENTS > free_connections )); then
  echo "only $free_connections connections free on $PGHOST:$PGPORT for $CLIENTS clients: './bookwise down' first (its two pools hold 40)" >&2
  exit 1
fi

LOGDIR="$(mktemp -d)"
cleanup() {
  rm -rf "$LOGDIR"
  if [[ "${KEEP_DB:-0}" != 1 ]]; then
    psql -q -X -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

psql -q -X -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
echo "pgbench: $CLIENTS clients, 2 threads, ${SECONDS_} s per script, protocol $PROTOCOL, database $DB on $PGHOST:$PGPORT"
echo "server: $(psql -X -At -d "$DB" -c "SELECT version()" | cut -d, -f1); $(psql -X -At -d "$DB" -c \
  "SELECT 'synchronous_commit=' || current_setting('synchronous_commit') || ', fsync=' || current_setting('fsync') || ', max_connections=' || current_setting('max_connections')")"

run() { # name script
  local name="$1" script="$2" out
  psql -q -X -d "$DB" -v ON_ERROR_STOP=1 -f "$HERE/setup.sql" >/dev/null 2>&1
  psql -q -X -d "$DB" -c "CHECKPOINT" >/dev/null
  rm -f "$LOGDIR"/pgbench_log.*
  out="$(cd "$LOGDIR" && pgbench -n -c "$CLIENTS" -j 2 -T "$SECONDS_" -M "$PROTOCOL" -l -f "$HERE/$script" "$DB" 2>&1)" || {
    echo "$out" >&2; echo "pgbench failed on $script" >&2; exit 1; }
  local tps latency failed rows
  tps="$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' <<<"$out" | head -n 1)"
  latency="$(sed -n 's/^latency average = \(.*\)$/\1/p' <<<"$out")"
  failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' <<<"$out")"
  rows="$(psql -X -At -d "$DB" -c "SELECT count(*) FROM bench_booking")"
  # per-transaction log: client_id transaction_no latency_us script_no epoch_s epoch_us
  local pcts
  pcts="$(cat "$LOGDIR"/pgbench_log.* | awk '{print $3}' | sort -n | awk '
    { v[NR] = $1 }
    END {
      if (NR == 0) { print "no log"; exit }
      split("50 95 99", ps, " ")
      line = ""
      for (i = 1; i <= 3; i++) { k = int(ps[i] / 100 * NR); if (k < ps[i] / 100 * NR) k++; if (k < 1) k = 1
        line = line sprintf("p%s %.2f ms, ", ps[i], v[k] / 1000) }
      printf "%smax %.2f ms", line, v[NR] / 1000
    }')"
  printf '%-44s %8.0f TPS, latency average %s, %s; failed %s, %s rows\n' "$name" "$tps" "$latency" "$pcts" "${failed:-0}" "$rows"
}

run "booking (exclusion constraint)" insert.sql
run "booking + event row (event store shape)" insert_event.sql
