#!/usr/bin/env bash
# Booking throughput under wrk, with what each booking costs: database round trips (counted by the command
# side, see BOOKWISE_COUNT_ROUND_TRIPS) and CPU per process (from /proc), then pgbench doing the same
# database work for the ratio.
#
#   bash bench/booking.sh [connections=32] [seconds=30] [hosts=1000]
#
# wrk runs a closed loop (each connection sends its next booking when the last is answered); for latency
# at a fixed rate use the open loop of `java bench/BookingBench.java CLIENTS SECONDS RATE`. Against
# `./bookwise up` started with the rate limits lifted and round trips counted:
#
#   export BOOKWISE_RATE_LIMIT_PER_IP=1000000 BOOKWISE_RATE_LIMIT_PER_IP_BURST=1000000
#   export BOOKWISE_RATE_LIMIT_PER_KEY=1000000 BOOKWISE_RATE_LIMIT_PER_KEY_BURST=1000000
#   export BOOKWISE_COUNT_ROUND_TRIPS=true
#   ./bookwise up && bash bench/booking.sh 32 30
#
# Hosts (open around the clock on a 5-minute grid for a year) are registered once and kept with their
# keys in .bookwise/bench/wrk-hosts-N.txt; each run books slots in a 3-day range of its own.
# PGBENCH=0 skips pgbench; WRK_THREADS (2) sets wrk's threads.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONNECTIONS="${1:-32}"
SECONDS_="${2:-30}"
HOSTS="${3:-1000}"
THREADS="${WRK_THREADS:-2}"
COMMAND="http://127.0.0.1:${BOOKWISE_COMMAND_PORT:-8080}"
ADMIN="${BOOKWISE_ADMIN_KEY:-$(cat "$ROOT/.bookwise/admin-key" 2>/dev/null || true)}"
METRICS="${BOOKWISE_COMMAND_METRICS_URL:-$COMMAND/actuator/prometheus}"
STATE="$ROOT/.bookwise/bench"
mkdir -p "$STATE"

command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }
[[ -n "$ADMIN" ]] || { echo "no admin key: set BOOKWISE_ADMIN_KEY" >&2; exit 2; }
curl -fsS -o /dev/null "$COMMAND/actuator/health" || { echo "the command side does not answer on $COMMAND" >&2; exit 2; }

# --- hosts -------------------------------------------------------------------------------------------------
HOSTS_FILE="$STATE/wrk-hosts-$HOSTS.txt"
register_host() { # index
  local schedule weekly day answer id key
  weekly="$(for day in MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY; do
    printf '"%s":[{"start":"00:00","end":"24:00"}],' "$day"; done)"
  schedule="{\"timeZone\":\"UTC\",\"slotMinutes\":5,\"bufferBeforeMinutes\":0,\"bufferAfterMinutes\":0,\
\"minimumNoticeMinutes\":0,\"horizonDays\":365,\"weeklyHours\":{${weekly%,}},\"dateOverrides\":[]}"
  answer="$(curl -fsS -X POST "$COMMAND/api/hosts" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench host $1\",\"email\":\"bench-$1@example.com\",\"timeZone\":\"UTC\"}")"
  id="$(jq -r .hostId <<<"$answer")"
  key="$(jq -r .apiKey <<<"$answer")"
  curl -fsS -o /dev/null -X PUT "$COMMAND/api/hosts/$id/schedule" -H "Authorization: Bearer $key" \
    -H 'Content-Type: application/json' -d "$schedule"
  echo "$id $key"
}
export -f register_host
export COMMAND ADMIN
valid_hosts=0
if [[ -f "$HOSTS_FILE" ]]; then
  read -r id key < <(head -n 1 "$HOSTS_FILE")
  status="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$COMMAND/api/bookings" -H "Authorization: Bearer $key" \
    -H 'Content-Type: application/json' -d '{}')"
  [[ "$status" == 400 ]] && valid_hosts="$(wc -l <"$HOSTS_FILE")"
fi
if (( valid_hosts < HOSTS )); then
  echo "registering $HOSTS hosts..."
  seq 1 "$HOSTS" | xargs -P 8 -I{} bash -c 'register_host {}' >"$HOSTS_FILE.new"
  mv "$HOSTS_FILE.new" "$HOSTS_FILE"
fi

# each run its own 3 days of slots, starting tomorrow
RUN_FILE="$STATE/wrk-runs-$HOSTS"
run="$(( $(cat "$RUN_FILE" 2>/dev/null || echo 0) + 1 ))"
(( run * 3 < 360 )) || { echo "the hosts' year of slots is used up: delete $HOSTS_FILE and $RUN_FILE" >&2; exit 2; }
echo "$run" >"$RUN_FILE"
first_epoch="$(( ($(date -u +%s) / 86400 + 1 + (run - 1) * 3) * 86400 ))"

# --- measurements ------------------------------------------------------------------------------------------
scrape() { curl -fsS -H "Authorization: Bearer $ADMIN" "$METRICS"; }
# sum of a metric's samples whose labels contain every given label="value"
metric() { # text name label...
  local text="$1" name="$2"; shift 2
  awk -v name="$name" -v want="$*" '
    index($0, name "{") == 1 {
      n = split(want, labels, " "); ok = 1
      for (i = 1; i <= n; i++) if (index($0, labels[i]) == 0) ok = 0
      if (ok) sum += $NF
    }
    END { printf "%.0f", sum }' <<<"$text"
}
TICK="$(getconf CLK_TCK)"
ticks_of() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pid_of() { cat "$ROOT/.bookwise/run/$1.pid" 2>/dev/null || pgrep -f "$2" | head -n 1 || true; }
postgres_ticks() { # live backends plus what the postmaster collected from those that ended
  local total=0 pid master
  for pid in $(pgrep -x postgres); do total=$(( total + $(ticks_of "$pid") )); done
  for master in $(pgrep -x postgres -P 1) $(pgrep -o -x postgres); do
    total=$(( total + $(awk '{ print $16 + $17 }' "/proc/$master/stat" 2>/dev/null || echo 0) )); break
  done
  echo "$total"
}
declare -A PIDS=([command]="$(pid_of command command-side)" [query]="$(pid_of query query-side)" [kafka]="$(pid_of kafka kafka.Kafka)")
cpu_snapshot() {
  local name
  for name in command query kafka; do
    if [[ -n "${PIDS[$name]}" ]]; then printf '%s=%s ' "$name" "$(ticks_of "${PIDS[$name]}")"; fi
  done
  printf 'postgres=%s\n' "$(postgres_ticks)"
}
ROUND_TRIPS='bookwise_db_round_trips'
BOOKINGS=('method="POST"' 'uri="/api/bookings"' 'status="201"' 'replayed="false"')

echo "run $run: $CONNECTIONS connections, $THREADS wrk threads, $SECONDS_ s, $(wc -l <"$HOSTS_FILE") hosts, slots from $(date -u -d "@$first_epoch" +%F)"
before="$(scrape)"
cpu_before="$(cpu_snapshot)"
started="$(date +%s.%N)"
wrk_out="$(wrk -t "$THREADS" -c "$CONNECTIONS" -d "${SECONDS_}s" --timeout 10s -s "$ROOT/bench/wrk/booking.lua" "$COMMAND" \
  -- "$HOSTS_FILE" "$THREADS" "$first_epoch")"
elapsed="$(echo "$(date +%s.%N) - $started" | bc -l)"
cpu_after="$(cpu_snapshot)"
after="$(scrape)"
echo "$wrk_out" | grep -E "Requests/sec|wrk: answers|Socket errors|Non-2xx" || true

RESERVED=('outcome="reserved"')
booked=$(( $(metric "$after" bookwise_bookings_total "${RESERVED[@]}") - $(metric "$before" bookwise_bookings_total "${RESERVED[@]}") ))
counted=$(( $(metric "$after" "${ROUND_TRIPS}_count" "${BOOKINGS[@]}") - $(metric "$before" "${ROUND_TRIPS}_count" "${BOOKINGS[@]}") ))
trips=$(( $(metric "$after" "${ROUND_TRIPS}_sum" "${BOOKINGS[@]}") - $(metric "$before" "${ROUND_TRIPS}_sum" "${BOOKINGS[@]}") ))
(( booked > 0 )) || { echo "no booking counted by the command side" >&2; exit 1; }
rate="$(echo "$booked / $SECONDS_" | bc -l)"
if (( counted > 0 )); then
  per_booking="$(printf '%.2f' "$(echo "$trips / $counted" | bc -l)")"
else
  per_booking="not counted (start the command side with BOOKWISE_COUNT_ROUND_TRIPS=true)"
fi
printf 'bookings: %d in %d s = %.0f/s; database round trips per booking %s\n' "$booked" "$SECONDS_" "$rate" "$per_booking"
printf 'CPU per booking (ms):'
total=0
for entry in $cpu_after; do
  name="${entry%%=*}"; end="${entry#*=}"
  start="$(tr ' ' '\n' <<<"$cpu_before" | sed -n "s/^$name=//p")"
  ms="$(echo "($end - ${start:-0}) * 1000 / $TICK / $booked" | bc -l)"
  total="$(echo "$total + $ms" | bc -l)"
  printf ' %s %.2f,' "$name" "$ms"
done
printf ' all %.2f (the machine: %d cores x %.1f s = %.0f ms of CPU per second)\n' "$total" "$(nproc)" "$elapsed" "$(( $(nproc) * 1000 ))"

# --- a replay and a conflict, for their round trips ----------------------------------------------------------
read -r id key < <(head -n 1 "$HOSTS_FILE")
probe_before="$(scrape)"
for i in $(seq 1 10); do
  slot="$(date -u -d "@$(( first_epoch + 3 * 86400 - 300 * i ))" +%FT%TZ)"
  body="{\"hostId\":\"$id\",\"start\":\"$slot\",\"attendee\":{\"name\":\"Probe\",\"email\":\"probe@example.com\"}}"
  k="probe-$run-$i-$RANDOM"
  for key_used in "$k" "$k" "$k-other"; do
    curl -s -o /dev/null -X POST "$COMMAND/api/bookings" -H "Authorization: Bearer $key" \
      -H 'Content-Type: application/json' -H "Idempotency-Key: $key_used" -d "$body"
  done
done
sleep 0.5
probe_after="$(scrape)"
per() { # labels...: round trips per request between the two probe scrapes
  local n s
  n=$(( $(metric "$probe_after" "${ROUND_TRIPS}_count" "$@") - $(metric "$probe_before" "${ROUND_TRIPS}_count" "$@") ))
  s=$(( $(metric "$probe_after" "${ROUND_TRIPS}_sum" "$@") - $(metric "$probe_before" "${ROUND_TRIPS}_sum" "$@") ))
  if (( n > 0 )); then printf '%.2f (%d requests)' "$(echo "$s / $n" | bc -l)" "$n"; else printf 'none'; fi
}
echo "round trips per request: booking $(per 'uri="/api/bookings"' 'status="201"' 'replayed="false"'), replay $(per 'uri="/api/bookings"' 'replayed="true"'), conflict 409 $(per 'uri="/api/bookings"' 'status="409"')"

# --- the same database work under pgbench ---------------------------------------------------------------------
if [[ "${PGBENCH:-1}" != 0 ]]; then
  pg_out="$(bash "$ROOT/bench/pgbench/run.sh" "$CONNECTIONS" "$SECONDS_" 2>&1)" || { echo "$pg_out" >&2; exit 1; }
  echo "$pg_out" | tail -n 2
  tps="$(sed -n 's/^booking + event row.* \([0-9][0-9]*\) TPS.*/\1/p' <<<"$pg_out")"
  [[ -n "$tps" ]] && printf 'BookWise reaches %.0f %% of what PostgreSQL alone does for a booking and its event row (%s/s)\n' \
    "$(echo "100 * $rate / $tps" | bc -l)" "$tps"
fi
