-- wrk script for bench/booking.sh: POST /api/bookings for a random host and a slot nobody else asks for,
-- with the host's own key and a fresh Idempotency-Key on every request.
--
--   wrk -t T -c C -d D --latency -s bench/wrk/booking.lua http://127.0.0.1:8080 -- HOSTS_FILE THREADS FIRST_EPOCH
--
-- HOSTS_FILE: one "hostId apiKey" per line (hosts open around the clock on a 5-minute grid).
-- FIRST_EPOCH: the first slot (seconds since the epoch, UTC) this run may use. Thread t of T books, for each
-- host, the slots FIRST_EPOCH + (k * T + t) * 300 for k = 0, 1, 2...: distinct across threads and requests.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  hosts = {}
  for line in io.lines(args[1]) do
    local host, key = line:match("^(%S+)%s+(%S+)")
    if host then
      table.insert(hosts, { id = host, key = key, k = 0 })
    end
  end
  thread_count = tonumber(args[2])
  first_epoch = tonumber(args[3])
  math.randomseed(os.time() * 1000 + id)
  statuses = {}
end

local function key()
  return string.format("%08x-%04x-%04x-%04x-%08x%04x", math.random(0, 0x7fffffff), math.random(0, 0xffff),
    math.random(0, 0xffff), math.random(0, 0xffff), math.random(0, 0x7fffffff), math.random(0, 0xffff))
end

function request()
  local host = hosts[math.random(#hosts)]
  local slot = first_epoch + (host.k * thread_count + id) * 300
  host.k = host.k + 1
  local body = string.format(
    '{"hostId":"%s","start":"%s","attendee":{"name":"Bench attendee","email":"attendee@example.com"}}',
    host.id, os.date("!%Y-%m-%dT%H:%M:%SZ", slot))
  return wrk.format("POST", "/api/bookings", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. host.key,
    ["Idempotency-Key"] = key(),
  }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for status, n in pairs(s) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do
    table.insert(parts, status .. "=" .. n)
  end
  table.sort(parts)
  io.write(string.format("wrk: answers %s; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    table.concat(parts, " "), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
