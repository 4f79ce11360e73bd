# deploy/check-containers.sh, part 1 (sourced): the build and the image itself.
# shellcheck shell=bash

phase build
build_args=(-t "$IMAGE" --label "$LABEL")
# Podman's own image format (OCI) has no HEALTHCHECK: Docker's keeps it. No layer
# per step: nothing is cached from one run to the next (everything made is removed).
[ "$ENGINE" = podman ] && build_args+=(--format docker --layers=false)
read -ra extra <<<"${CHECK_BUILD_ARGS:-}"
t0=$(date +%s)
if CTR_TIMEOUT=1800 ctr build "${build_args[@]}" "${extra[@]}" "$ROOT" >"$LOGS/build.log" 2>&1; then
  BUILT=1
  pass build "$IMAGE built in $(($(date +%s) - t0)) s"
else
  fail build "the Dockerfile does not build (log: $LOGS/build.log)"
  grep -nE 'STEP|Error|error|ERR!' "$LOGS/build.log" | tail -n 30 | sed 's/^/    | /'
fi

if [ -n "${BUILT:-}" ]; then
  user=$(ctr image inspect -f '{{.Config.User}}' "$IMAGE")
  check image-user "the image's USER is '$user' (not root)" test -n "$user" -a "$user" != root -a "$user" != 0
  hc=$(ctr image inspect -f '{{json .Config.Healthcheck}}' "$IMAGE" 2>/dev/null)
  [[ $hc == *readyz* ]] || hc=$(ctr image inspect -f '{{json .HealthCheck}}' "$IMAGE" 2>/dev/null) # Podman 4
  check image-healthcheck "HEALTHCHECK asks /readyz" grep -q readyz <<<"$hc"

  # Dev tooling: each devDependency that no production dependency needs (the lockfile's
  # "dev": true), and TypeScript, which one would bring along (see the Dockerfile).
  dev_only=$(python3 -c '
import json, sys
lock = json.load(open(sys.argv[1] + "/package-lock.json"))["packages"]
dev = json.load(open(sys.argv[1] + "/package.json"))["devDependencies"]
print(" ".join(sorted({d for d in dev if lock.get("node_modules/" + d, {}).get("dev")} | {"typescript"})))' "$ROOT")
  # shellcheck disable=SC2016 # expanded in the container
  inside=$(ctr run --rm --label "$LABEL" --entrypoint sh "$IMAGE" -c '
    echo "uid $(id -u)"
    echo "writable $(find /app -path /app/.data -prune -o -writable -print | head -5 | tr "\n" " ")"
    echo "not-root-owned $(find /app -path /app/.data -prune -o ! -user root -print | head -5 | tr "\n" " ")"
    touch /app/.data/probe && rm /app/.data/probe && echo data-writable
    test -f /app/web/dist/index.html && echo web-dist
    for d in '"$dev_only"'; do test -e "node_modules/$d" && echo "dev-present $d"; done
    echo "size image-total $(du -sm --exclude=/proc --exclude=/sys / 2>/dev/null | cut -f1)"
    echo "size node_modules $(du -sm /app/node_modules | cut -f1)"
    echo "size node-binary $(du -sm /usr/local/bin/node | cut -f1)"
    echo "size npm $(du -sm /usr/local/lib/node_modules/npm | cut -f1)"
    echo "size web/dist $(du -sm /app/web/dist | cut -f1)"
    echo "size src+db $(du -smc /app/src /app/db | tail -1 | cut -f1)"
    du -sm /app/node_modules/* /app/node_modules/@*/* 2>/dev/null | sort -rn | head -8 | while read -r mb p; do echo "size ${p#/app/} $mb"; done
  ' 2>>"$LOGS/podman-stderr.log")
  uid=$(sed -n 's/^uid //p' <<<"$inside")
  check image-nonroot "the container runs as uid ${uid:-?} (not 0)" test -n "$uid" -a "$uid" != 0
  writable=$(sed -n 's/^writable //p' <<<"$inside")
  notroot=$(sed -n 's/^not-root-owned //p' <<<"$inside")
  check image-app-read-only "app files owned by root, read-only to it${writable:+; writable: $writable}${notroot:+; not owned by root: $notroot}" \
    test -z "$writable$notroot"
  check image-data-writable "/app/.data (DATA_DIR) writable to it" grep -qx data-writable <<<"$inside"
  check image-web-dist "the built web app (web/dist/index.html) is in the image" grep -qx web-dist <<<"$inside"
  present=$(sed -n 's/^dev-present //p' <<<"$inside" | tr '\n' ' ')
  check image-no-dev-tooling "no dev tooling in node_modules (${present:-none of: $dev_only})" test -z "$present"
  IMAGE_MB=$(ctr image inspect -f '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f", $1 / 1e6 }')
  info image-size "$IMAGE_MB MB; largest parts (MB): $(sed -n 's/^size //p' <<<"$inside" | tr '\n' ',' | sed 's/,$//; s/,/, /g')"
fi
phase_end
