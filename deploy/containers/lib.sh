# Helpers of deploy/check-containers.sh (sourced): reporting, bounded waits,
# the engine's commands where Docker and Podman differ, HTTP with JSON.
# shellcheck shell=bash

say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
pass() { PASSED=$((PASSED + 1)); SUMMARY+=("PASS $1: $2"); say "PASS $1: $2"; }
fail() { FAILED=$((FAILED + 1)); SUMMARY+=("FAIL $1: $2"); say "FAIL $1: $2"; }
info() { SUMMARY+=("INFO $1: $2"); say "INFO $1: $2"; }
# check NAME DETAIL CMD...: PASS when CMD exits 0, else FAIL (the line names what broke).
check() {
  local name=$1 detail=$2
  shift 2
  if "$@"; then pass "$name" "$detail"; else fail "$name" "$detail"; fi
}
phase() { PHASE=$1 PHASE_T0=$(date +%s); say "==== $1"; }
phase_end() { TIMINGS+=("$PHASE: $(($(date +%s) - PHASE_T0)) s"); say "==== $PHASE took $(($(date +%s) - PHASE_T0)) s"; }
tail_log() { say "---- last lines of $1"; tail -n "${2:-30}" "$1" 2>/dev/null | sed 's/^/    | /'; }
rand_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# wait_for SECONDS CMD...: CMD every second until it succeeds (0) or the time is up (1).
wait_for() {
  local end=$((SECONDS + $1))
  shift
  while ((SECONDS < end)); do
    "$@" && return 0
    sleep 1
  done
  "$@"
}

# A TCP port nobody listens on now (the kernel's choice), for what we publish.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The engine, every call bounded. Podman reads the machine's containers.conf if given.
ctr() {
  if [ "$ENGINE" = podman ] && [ -n "${PODMAN_CONTAINERS_CONF:-}" ]; then
    CONTAINERS_CONF=$PODMAN_CONTAINERS_CONF timeout --kill-after=10 "${CTR_TIMEOUT:-120}" podman "$@"
  else
    timeout --kill-after=10 "${CTR_TIMEOUT:-120}" "$ENGINE" "$@"
  fi
}

# compose with this run's project name, file and env file.
dc() {
  timeout --kill-after=10 "${DC_TIMEOUT:-300}" "${COMPOSE[@]}" -p "$PROJECT" -f "$COMPOSE_FILE" --env-file "$ENV_FILE" "$@"
}

# The container of a compose service (the newest one), or nothing.
service_cid() { ctr ps -aq --filter "label=com.docker.compose.project=$PROJECT" --filter "label=com.docker.compose.service=$1" | head -1; }

# A container's state as JSON fields Docker and Podman both have, plus the health
# status (Docker: State.Health; Podman 4: State.Healthcheck) and times in epoch ms.
state() { # state CONTAINER FIELD: Status ExitCode Running StartedAt FinishedAt Health
  ctr inspect -f '{{json .State}}' "$1" 2>/dev/null | python3 -c '
import json, re, sys, datetime
s = json.load(sys.stdin); field = sys.argv[1]
if field == "Health":
    print((s.get("Health") or s.get("Healthcheck") or {}).get("Status", "none")); sys.exit()
v = s.get(field, "")
if field.endswith("At"):  # RFC 3339 (Docker) or "2006-01-02 15:04:05.999 +0000 UTC" (Podman)
    m = re.match(r"(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d+))?", v)
    t = datetime.datetime.fromisoformat(m.group(1) + "T" + m.group(2) + "+00:00")
    v = int(t.timestamp() * 1000) + int((m.group(3) or "0")[:3].ljust(3, "0"))
print(str(v).lower() if isinstance(v, bool) else v)' "$2"
}

# HTTP: http METHOD URL [JSON_BODY] [TOKEN] → the status code; the body in $BODY_FILE.
http() {
  local args=(-s -m 15 -o "$BODY_FILE" -w '%{http_code}' -X "$1" "$2")
  [ -n "${3:-}" ] && args+=(-H 'content-type: application/json' --data-binary "$3")
  [ -n "${4:-}" ] && args+=(-H "authorization: Bearer $4")
  curl "${args[@]}" 2>/dev/null || true
}
body() { head -c "${1:-160}" "$BODY_FILE" 2>/dev/null | tr '\n' ' '; }
# json KEY=VALUE...: a JSON object of strings (any character in them is safe).
json() { python3 -c 'import json, sys; print(json.dumps(dict(a.split("=", 1) for a in sys.argv[1:])))' "$@"; }
# from_body PATH: a value of the last JSON body, by a dotted path (user.id), or nothing.
from_body() {
  python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."): v = v[int(k)] if isinstance(v, list) else v[k]
print(v)' "$BODY_FILE" "$1" 2>/dev/null
}
# Conditions for wait_for (evaluated anew on each try).
readyz_is() { [ "$(curl -s -o /dev/null -m 3 -w '%{http_code}' "$1/readyz")" = "$2" ]; }
ready() { readyz_is "$1" 200; }
# A drain's 503 lasts SHUTDOWN_DELAY_MS: asked every 0.2 s while the stop command
# (pid $2) runs (it may take a while to send the signal on a loaded host), at most $3 s.
saw_draining() {
  local end=$((SECONDS + $3))
  while ((SECONDS < end)) && kill -0 "$2" 2>/dev/null; do
    [ "$(curl -s -o /dev/null -m 1 -w '%{http_code}' "$1/readyz")" = 503 ] && return 0
    sleep 0.2
  done
  return 1
}
health_is() { [ "$(state "$1" Health)" = "$2" ]; }
status_is() { [ "$(state "$1" Status)" = "$2" ]; }
