# deploy/check-containers.sh, part 2 (sourced): the compose stack, the image run
# alone beside it, then more first starts on a fresh volume.
# shellcheck shell=bash

phase stack
API_PORT=$(free_port) API_2_PORT=$(free_port) SOLO_PORT=$(free_port)
API="http://127.0.0.1:$API_PORT"
# Passwords with the characters a URL would mangle (@ / : %): the stack must take any.
PG_PASSWORD="pg@pass/w:rd%40?$(rand_hex 8)"
AUTH_PASSWORD="auth@/:$(rand_hex 8)"
ADMIN_EMAIL="admin-$RUN_ID@example.edu" ADMIN_PASSWORD="adm/n@:$(rand_hex 8)"
cat >"$ENV_FILE" <<EOF
POSTGRES_PASSWORD=$PG_PASSWORD
AUTHENTICATOR_PASSWORD=$AUTH_PASSWORD
JWT_SECRET=$(rand_hex 32)
PAYMENT_WEBHOOK_SECRET=$(rand_hex 32)
ADMIN_EMAIL=$ADMIN_EMAIL
ADMIN_PASSWORD=$ADMIN_PASSWORD
PUBLIC_URL=$API
API_BIND=127.0.0.1
API_PORT=$API_PORT
API_2_PORT=$API_2_PORT
TICKETING_IMAGE=$IMAGE
SHUTDOWN_DELAY_MS=5000
EOF

t0=$(date +%s)
if DC_TIMEOUT=600 dc up -d --no-build >"$LOGS/compose-up.log" 2>&1; then
  pass compose-up "compose up on a fresh volume: postgres and redis healthy, migrate done, api and worker started in $(($(date +%s) - t0)) s"
else
  fail compose-up "compose up failed after $(($(date +%s) - t0)) s"; tail_log "$LOGS/compose-up.log"
fi
n=$(ctr ps -aq --filter "label=com.docker.compose.project=$PROJECT" --filter "label=com.docker.compose.service=migrate" | wc -l)
mig=$(service_cid migrate)
mig_exit=$([ -n "$mig" ] && state "$mig" ExitCode) mig_status=$([ -n "$mig" ] && state "$mig" Status)
check compose-migrate-once "migrate: $n container, $mig_status with exit code $mig_exit" test "$n" = 1 -a "$mig_status" = exited -a "$mig_exit" = 0
[ "$mig_exit" = 0 ] || { ctr logs "$mig" 2>&1 | tail -20 | sed 's/^/    | /'; }
mig_end=$([ -n "$mig" ] && state "$mig" FinishedAt)
for s in api worker; do
  c=$(service_cid $s)
  started=$([ -n "$c" ] && state "$c" StartedAt)
  check "compose-$s-after-migrate" "$s started $((${started:-0} - ${mig_end:-0})) ms after migrate finished" \
    test -n "$started" -a -n "$mig_end" -a "${started:-0}" -ge "${mig_end:-1}"
done
for s in postgres redis; do
  c=$(service_cid $s)
  ports=$([ -n "$c" ] && ctr port "$c" 2>/dev/null | tr '\n' ' ')
  check "compose-$s-unpublished" "$s publishes ${ports:-no port}" test -n "$c" -a -z "$ports"
done
check compose-replica-off "api-2 (profile replica) not started without --profile" test -z "$(service_cid api-2)"

api=$(service_cid api) worker=$(service_cid worker)
if wait_for 90 ready "$API"; then
  pass compose-api-ready "GET /readyz 200 on $API"
  code=$(http GET "$API/healthz"); check compose-healthz "GET /healthz -> $code" test "$code" = 200
  code=$(curl -s -m 15 -o "$BODY_FILE" -w '%{http_code}' -H 'accept: text/html' "$API/")
  asset=$(grep -oE '/assets/[^"]+\.js' "$BODY_FILE" | head -1)
  check compose-web-app "GET / as a browser -> $code, the app's page" test "$code" = 200 -a -n "$asset"
  code=$(http GET "$API$asset"); check compose-web-asset "GET $asset -> $code" test "$code" = 200

  student="student-$RUN_ID@example.edu" student_pw="st@d/nt:$(rand_hex 6)"
  code=$(http POST "$API/signup" "$(json name='Check Student' email="$student" password="$student_pw")")
  token=$(from_body token)
  check compose-signup "POST /signup -> $code" test "$code" = 201 -a -n "$token"
  code=$(http POST "$API/login" "$(json email="$ADMIN_EMAIL" password="$ADMIN_PASSWORD")")
  admin=$(from_body token)
  check compose-admin-login "POST /login as the admin migrate made -> $code" test "$code" = 200 -a -n "$admin"
  when=$(date -u -d '+30 days' +%Y-%m-%dT19:00:00Z)
  code=$(http POST "$API/events" "{\"name\":\"Check $RUN_ID\",\"venue\":\"Main Hall\",\"datetime\":\"$when\",\"total_tickets\":5}" "$admin")
  event=$(from_body event.id)
  check compose-create-event "POST /events -> $code, event ${event:-none}" test "$code" = 201 -a -n "$event"
  code=$(http POST "$API/events/$event/book" "" "$token")
  check compose-book-unverified "an unverified student's booking -> $code $(body 80)" grep -q EMAIL_NOT_VERIFIED "$BODY_FILE"
  # The verification link, as the student gets it: the worker mails it (no SMTP_URL: its outbox).
  link_token() { ctr exec "$worker" sh -c 'grep -rhoE "verify-email\?token=[0-9a-f]+" /app/.data/outbox 2>/dev/null' | head -1 | cut -d= -f2; }
  has_link_token() { [ -n "$(link_token)" ]; }
  wait_for 60 has_link_token
  vtoken=$(link_token)
  check compose-verification-mail "the worker mailed the verification link (outbox)" test -n "$vtoken"
  code=$(http POST "$API/verify-email" "$(json token="$vtoken")")
  check compose-verify-email "POST /verify-email with the mailed token -> $code" test "$code" = 200
  code=$(curl -s -m 15 -o "$BODY_FILE" -w '%{http_code}' -X POST -H "authorization: Bearer $token" \
    -H "idempotency-key: check-$RUN_ID" "$API/events/$event/book")
  check compose-booking "POST /events/$event/book -> $code $(body 80)" test "$code" = 201
  code=$(http GET "$API/me/tickets" "" "$token")
  check compose-my-tickets "GET /me/tickets lists the booked event" grep -q "Check $RUN_ID" "$BODY_FILE"
  check compose-api-healthy "api's HEALTHCHECK turned healthy" wait_for 90 health_is "$api" healthy
  uid=$(ctr exec "$api" id -u)
  check compose-api-nonroot "api runs as uid $uid" test -n "$uid" -a "$uid" != 0
  pid1=$(ctr exec "$api" cat /proc/1/cmdline | tr '\0' ' ')
  check compose-init "api's PID 1 is an init ($pid1), node its child (init: true)" test -n "$pid1" -a "${pid1%% *}" != node
else
  fail compose-api-ready "no 200 from $API/readyz in 90 s"
  DC_TIMEOUT=60 dc logs --tail 30 2>&1 | sed 's/^/    | /'
fi

# The image alone (docker run, node as PID 1) beside the stack: HEALTHCHECK, SIGTERM drain.
net=$(ctr inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}' "$api" 2>/dev/null | awk '{ print $1 }')
printf '%s\n' NODE_ENV=production DATABASE_URL=postgres://postgres@postgres:5432/ticketing "PGPASSWORD=$PG_PASSWORD" \
  "AUTHENTICATOR_PASSWORD=$AUTH_PASSWORD" "JWT_SECRET=$(rand_hex 32)" "PAYMENT_WEBHOOK_SECRET=$(rand_hex 32)" \
  REDIS_URL=redis://redis:6379 MIGRATE_ON_START=false RUN_WORKER=false "PUBLIC_URL=$API" SHUTDOWN_DELAY_MS=5000 >"$SCRATCH/solo.env"
solo=$(ctr run -d --label "$LABEL" --network "${net:-none}" -p "127.0.0.1:$SOLO_PORT:5678" --env-file "$SCRATCH/solo.env" "$IMAGE" 2>>"$LOGS/podman-stderr.log")
if [ -n "$solo" ] && wait_for 90 ready "http://127.0.0.1:$SOLO_PORT"; then
  check run-healthy "the image run alone turned healthy (its HEALTHCHECK)" wait_for 90 health_is "$solo" healthy
  t0=$(date +%s)
  CTR_TIMEOUT=60 ctr stop -t 40 "$solo" >/dev/null 2>&1 &
  stopper=$!
  drained=$(saw_draining "http://127.0.0.1:$SOLO_PORT" "$stopper" 60 && echo 503)
  wait "$stopper"
  rc=$(state "$solo" ExitCode)
  check run-sigterm-drain "stop (SIGTERM to node as PID 1): /readyz ${drained:-never 503} while draining, exit $rc after $(($(date +%s) - t0)) s" \
    test "$rc" = 0 -a "$drained" = 503
else
  fail run-alone "the image run alone on the stack's network answered no /readyz in 90 s"
fi
[ -n "$solo" ] && { ctr logs "$solo" >"$LOGS/solo.log" 2>&1; ctr rm -f "$solo" >/dev/null 2>&1; }

# compose stop api: the same drain behind tini.
t0=$(date +%s)
DC_TIMEOUT=90 dc stop api >>"$LOGS/compose-stop.log" 2>&1 &
stopper=$!
drained=$(saw_draining "$API" "$stopper" 90 && echo 503)
wait "$stopper"
rc=$([ -n "$api" ] && state "$api" ExitCode)
check compose-api-drain "compose stop api: /readyz ${drained:-never 503} while draining, exit $rc after $(($(date +%s) - t0)) s" \
  test "$rc" = 0 -a "$drained" = 503

if DC_TIMEOUT=300 dc --profile replica up -d --no-build --no-deps api-2 >"$LOGS/compose-replica.log" 2>&1 &&
  wait_for 90 ready "http://127.0.0.1:$API_2_PORT"; then
  pass compose-replica "--profile replica: api-2 ready on 127.0.0.1:$API_2_PORT"
else
  fail compose-replica "--profile replica: api-2 not ready in 90 s"; tail_log "$LOGS/compose-replica.log"
fi

t0=$(date +%s)
DC_TIMEOUT=200 dc --profile replica stop >>"$LOGS/compose-stop.log" 2>&1
rc=$?
codes=""
for s in api api-2 worker postgres redis; do c=$(service_cid $s); [ -n "$c" ] && codes="$codes $s=$(state "$c" ExitCode)"; done
check compose-stop "compose stop: rc $rc in $(($(date +%s) - t0)) s; exit codes:$codes" \
  bash -c '[ "$1" = 0 ] && [ -n "$2" ] && ! grep -qE "=([1-9]|$)" <<<"$2"' _ "$rc" "$codes"
DC_TIMEOUT=60 dc --profile replica logs --no-color >"$LOGS/compose.log" 2>&1

# down -v leaves nothing of the project: containers, its network, the pgdata volume.
leftovers() {
  echo "$(ctr ps -aq --filter "label=com.docker.compose.project=$PROJECT" | wc -l) containers," \
    "$(ctr volume ls -q --filter "label=com.docker.compose.project=$PROJECT" | wc -l) volumes," \
    "$(ctr network ls -q --filter "label=com.docker.compose.project=$PROJECT" | wc -l) networks"
}
DC_TIMEOUT=120 dc --profile replica down -v >"$LOGS/compose-down.log" 2>&1
rc=$?
left=$(leftovers)
check compose-down "compose down -v: rc $rc, left $left" test "$rc" = 0 -a "$left" = "0 containers, 0 volumes, 0 networks"
phase_end

# A first start on a fresh volume, again: PostgreSQL initialises (a temporary
# socket-only server, then the real one) while migrate waits for it.
phase fresh-ups
for i in $(seq 1 "${CHECK_FRESH_UPS:-2}"); do
  t0=$(date +%s)
  DC_TIMEOUT=300 dc up -d --no-build migrate >"$LOGS/fresh-up-$i.log" 2>&1
  rc=$?
  mig=$(service_cid migrate)
  [ -n "$mig" ] && wait_for 180 status_is "$mig" exited
  code=$([ -n "$mig" ] && state "$mig" ExitCode)
  retries=$([ -n "$mig" ] && ctr logs "$mig" 2>&1 | grep -c 'retrying')
  check "fresh-up-$i" "up migrate on a fresh volume: rc $rc, migrate exit ${code:-none} after $(($(date +%s) - t0)) s (${retries:-0} connection retries)" \
    test "$rc" = 0 -a "$code" = 0
  [ "$code" = 0 ] || { ctr logs "$mig" 2>&1 | tail -20 | sed 's/^/    | /'; tail_log "$LOGS/fresh-up-$i.log"; }
  DC_TIMEOUT=120 dc down -v >>"$LOGS/fresh-up-$i.log" 2>&1
  left=$(leftovers)
  [ "$left" = "0 containers, 0 volumes, 0 networks" ] || fail "fresh-up-$i-down" "down -v left $left"
done
phase_end
