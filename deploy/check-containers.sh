#!/usr/bin/env bash
# deploy/check-containers.sh: build the image and run it and the compose stack
# for real, checking what an operator relies on. One "PASS name: …" or
# "FAIL name: …" line per check (a FAIL names what broke), timings, and last
# "check-containers: N passed, N failed"; exit 1 if any failed.
#
#   build      the Dockerfile builds; the image's user, HEALTHCHECK, read-only app
#              files, no dev tooling; its size and largest parts
#   stack      `compose up` on a fresh volume: migrate runs once and completes before
#              api and worker start; PostgreSQL and Redis publish no port; the replica
#              profile stays off; /readyz, the web app, a signup verified through the
#              emailed link (the worker's outbox), a booking; the api's HEALTHCHECK
#              turns healthy; the image run alone (node as PID 1) turns healthy and
#              drains on SIGTERM; `compose stop api` drains and exits 0; the replica
#              profile; `compose stop` exits 0 everywhere; `down -v` leaves nothing
#   fresh-ups  CHECK_FRESH_UPS more first starts of PostgreSQL + migrate on a fresh volume
#
# Engines: Docker with Compose v2 (`docker compose`), or Podman with a docker-compose
# (v1 or v2) on Podman's Docker API, which this script starts. Environment (optional):
#   CONTAINER_ENGINE=docker|podman   default: docker if it answers, else podman
#   COMPOSE="docker compose"         default: `docker compose` if present, else docker-compose
#   PODMAN_CONTAINERS_CONF=FILE      Podman's containers.conf for this machine
#   CHECK_BUILD_ARGS="..."           more arguments for the build (e.g. --pull=never, mounts)
#   CHECK_FRESH_UPS=2                first starts on a fresh volume after the stack's own (3 in all)
#   CHECK_LOG_DIR=DIR                keep the logs (build, compose, containers' output) there
# Every wait is bounded; the containers, networks, volumes and images it makes are
# removed at the end (base images stay). Needs curl and python3.
set -uo pipefail
export LC_ALL=C.UTF-8
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deploy/containers/lib.sh
. "$ROOT/deploy/containers/lib.sh"

PASSED=0 FAILED=0 SUMMARY=() TIMINGS=() CLEANUP_PIDS=()
RUN_ID=$(rand_hex 4)
PROJECT="ticketingcheck$RUN_ID"
IMAGE="localhost/ticketing-check:$RUN_ID"
LABEL="io.ticketing.check=$RUN_ID"
SCRATCH=$(mktemp -d /tmp/ticketing-check-containers.XXXXXX)
BODY_FILE=$SCRATCH/body
ENV_FILE=$SCRATCH/env
LOGS=${CHECK_LOG_DIR:-$SCRATCH/logs}
mkdir -p "$LOGS"
T_ALL=$(date +%s)
# The stack's settings come from our env file only, not from a caller's shell.
unset POSTGRES_PASSWORD AUTHENTICATOR_PASSWORD JWT_SECRET PAYMENT_WEBHOOK_SECRET ADMIN_EMAIL ADMIN_PASSWORD \
  PUBLIC_URL API_PORT API_2_PORT TICKETING_IMAGE SHUTDOWN_DELAY_MS COMPOSE_PROJECT_NAME COMPOSE_FILE COMPOSE_PROFILES

# ------------------------------------------------------------------ engine
ENGINE=${CONTAINER_ENGINE:-}
if [ -z "$ENGINE" ]; then
  if command -v docker >/dev/null && timeout 20 docker info >/dev/null 2>&1; then ENGINE=docker; else ENGINE=podman; fi
fi
command -v "$ENGINE" >/dev/null || { echo "check-containers: no $ENGINE" >&2; exit 2; }
for tool in curl python3; do command -v $tool >/dev/null || { echo "check-containers: needs $tool" >&2; exit 2; }; done
if [ -n "${COMPOSE:-}" ]; then read -ra COMPOSE <<<"$COMPOSE"
elif [ "$ENGINE" = docker ] && docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose)
else COMPOSE=(docker-compose); fi
COMPOSE_VERSION=$("${COMPOSE[@]}" version --short 2>/dev/null || "${COMPOSE[@]}" --version 2>/dev/null | grep -oE '[0-9]+\.[0-9.]+' | head -1)
COMPOSE_FILE=$ROOT/docker-compose.yml
if [[ $COMPOSE_VERSION == 1.* ]]; then
  # Compose v1 predates the top-level `name:` (the project name is -p here anyway).
  COMPOSE_FILE=$SCRATCH/docker-compose.yml
  python3 - "$ROOT" "$COMPOSE_FILE" <<'PY' || { echo "check-containers: needs python3-yaml for Compose v1" >&2; exit 2; }
import sys, yaml
root, out = sys.argv[1], sys.argv[2]
doc = yaml.safe_load(open(root + "/docker-compose.yml"))
doc.pop("name", None)
for svc in doc["services"].values():
    if svc.get("build") == ".": svc["build"] = root
yaml.safe_dump(doc, open(out, "w"), sort_keys=False)
PY
fi
say "engine $ENGINE $(ctr --version 2>/dev/null | grep -oE '[0-9]+\.[0-9.]+' | head -1), compose ${COMPOSE[*]} $COMPOSE_VERSION, run $RUN_ID"

exec 3>&1 4>&2 # the caller's output: a signal's trap may run while a command's output goes to a log
cleanup() {
  set +e
  exec 1>&3 2>&4
  say "==== cleanup"
  if [ -f "$ENV_FILE" ]; then DC_TIMEOUT=120 dc --profile replica down -v --remove-orphans >>"$LOGS/down.log" 2>&1; fi
  for c in $(ctr ps -aq --filter "label=$LABEL") $(ctr ps -aq --filter "label=com.docker.compose.project=$PROJECT"); do ctr rm -f "$c" >/dev/null 2>&1; done
  for v in $(ctr volume ls -q --filter "label=com.docker.compose.project=$PROJECT"); do ctr volume rm -f "$v" >/dev/null 2>&1; done
  for n in $(ctr network ls -q --filter "label=com.docker.compose.project=$PROJECT"); do ctr network rm "$n" >/dev/null 2>&1; done
  ctr rmi -f "$IMAGE" >/dev/null 2>&1
  # Podman may keep a build stage as an untagged image: those this build made go too
  # (newest first: an image before the one it was built on).
  if [ "$ENGINE" = podman ] && [ -n "${IMAGES_BEFORE+set}" ]; then
    ctr images -a --no-trunc --format '{{.ID}} {{.Repository}}' | while read -r id repo; do
      [ "$repo" = "<none>" ] && ! grep -q "${id#sha256:}" <<<"$IMAGES_BEFORE" && ctr rmi -f "$id" >/dev/null 2>&1
    done
  fi
  for pid in "${CLEANUP_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  rm -rf "$SCRATCH" # the logs too, unless CHECK_LOG_DIR keeps them elsewhere
  TIMINGS+=("total: $(($(date +%s) - T_ALL)) s")
  say "==== timings"; printf '    %s\n' "${TIMINGS[@]}"
  say "==== summary"; printf '    %s\n' "${SUMMARY[@]}"
  echo "check-containers: $PASSED passed, $FAILED failed"
  [ "$FAILED" = 0 ] && [ "$PASSED" -gt 0 ]
}
trap 'cleanup; exit $?' EXIT
trap 'exit 130' INT TERM

# Podman: its Docker API for compose, and, without systemd, the health checks its timers would run.
if [ "$ENGINE" = podman ]; then
  IMAGES_BEFORE=$(ctr images -aq --no-trunc)
  if [ -z "${DOCKER_HOST:-}" ]; then
    CONTAINERS_CONF=${PODMAN_CONTAINERS_CONF:-} podman system service --time=0 "unix://$SCRATCH/podman.sock" >"$LOGS/podman-service.log" 2>&1 &
    CLEANUP_PIDS+=($!)
    export DOCKER_HOST=unix://$SCRATCH/podman.sock
    wait_for 30 test -S "$SCRATCH/podman.sock" || { fail podman-api "no Docker API socket in 30 s"; exit 1; }
  fi
  if [ ! -d /run/systemd/system ]; then
    (
      while sleep 2; do
        # (the app's containers carry the image's label too: each once)
        for c in $({ ctr ps -q --filter "label=com.docker.compose.project=$PROJECT"; ctr ps -q --filter "label=$LABEL"; } | sort -u); do
          CTR_TIMEOUT=40 ctr healthcheck run "$c" >/dev/null 2>&1 &
        done
        wait
      done
    ) &
    CLEANUP_PIDS+=($!)
  fi
fi

. "$ROOT/deploy/containers/build.sh"
[ -n "${BUILT:-}" ] || exit 1
. "$ROOT/deploy/containers/stack.sh"
