#!/usr/bin/env bash
# Smoke test of the containers: brings up docker-compose.yml under podman (podman-compose) with
# the images of ./tango images, waits until each service's health check passes, creates and
# activates a new version of the seeded cascade sst2-sentiment through the admin's REST API, and
# classifies through tango-api until that version answers. Removes the containers and volumes at
# the end (--keep leaves them running). Needs root; installs podman, runc, podman-compose, the
# dnsname CNI plugin, curl and jq with apt-get when missing.
#   ./tango images && deploy/smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."

keep=false
[ "${1:-}" = --keep ] && keep=true
source deploy/packages.sh
require_packages podman=podman runc=runc podman-compose=podman-compose \
  /usr/lib/cni/dnsname=golang-github-containernetworking-plugin-dnsname curl=curl jq=jq
export CONTAINERS_CONF="$PWD/deploy/containers.conf"

version=$(sed -n 's:^\t<version>\(.*\)</version>:\1:p' pom.xml | head -1)
for module in tango-api tango-admin; do
  podman image exists "localhost/tango/$module:$version" \
    || { echo "No image localhost/tango/$module:$version: run ./tango images first." >&2; exit 1; }
done
export TANGO_VERSION=$version
export TANGO_POSTGRES_IMAGE=localhost/tango-smoke/postgres:15
podman image exists "$TANGO_POSTGRES_IMAGE" \
  || podman build --file deploy/smoke/Containerfile.postgres --tag "$TANGO_POSTGRES_IMAGE" deploy/smoke
export TANGO_ADMIN_PASSWORD="smoke-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
export TANGO_API_PORT=${TANGO_API_PORT:-18080} TANGO_ADMIN_PORT=${TANGO_ADMIN_PORT:-18081}
project=tango-smoke
compose=(podman-compose --project-name "$project" --file docker-compose.yml)

down() {
  if ! $keep; then
    "${compose[@]}" down --volumes >/dev/null 2>&1 || true
  fi
}
trap down EXIT

# podman runs health checks from systemd timers, which a container host need not have: run each
# service's own check until it passes.
wait_healthy() {
  local service=$1 seconds=$2 started=$SECONDS
  until podman healthcheck run "${project}_${service}_1" >/dev/null 2>&1; do
    if [ $((SECONDS - started)) -ge "$seconds" ]; then
      echo "$service is not healthy after ${seconds}s; its log ends:" >&2
      podman logs --tail 20 "${project}_${service}_1" >&2
      return 1
    fi
    sleep 3
  done
  echo "$service healthy after $((SECONDS - started))s"
}
# One service at a time: on a small machine two JVMs starting together take twice as long each.
"${compose[@]}" up -d postgres >/dev/null 2>&1
wait_healthy postgres 120
"${compose[@]}" up -d tango-api >/dev/null 2>&1
wait_healthy tango-api "${TANGO_SMOKE_START_SECONDS:-600}"
"${compose[@]}" up -d tango-admin >/dev/null 2>&1
wait_healthy tango-admin "${TANGO_SMOKE_START_SECONDS:-600}"

admin=(curl -sS --fail-with-body -u "admin:$TANGO_ADMIN_PASSWORD" -H 'Content-Type: application/json')
admin_url="http://localhost:$TANGO_ADMIN_PORT/api/cascades/sst2-sentiment"
active=$("${admin[@]}" "$admin_url/active")
# The same models with a stricter first gate: more inputs go on to the second tier.
tiers=$(jq -c '[.version.tiers[] | {model: "\(.model.model):\(.model.version)"}] | .[0].threshold = 0.95' <<<"$active")
created=$("${admin[@]}" -X POST "$admin_url/versions" -d "{\"tiers\": $tiers}")
new_version=$(jq -r .version <<<"$created")
"${admin[@]}" -X POST "$admin_url/activate" -d "$(jq -nc --argjson version "$new_version" \
  --argjson revision "$(jq .revision <<<"$active")" \
  '{version: $version, reason: "smoke test", expectedRevision: $revision}')" >/dev/null
echo "admin: created and activated sst2-sentiment version $new_version"

started=$SECONDS
while :; do
  answer=$(curl -sS "http://localhost:$TANGO_API_PORT/v1/classify" -H 'Content-Type: application/json' \
    -d '{"inputs": ["A gripping, beautifully shot film.", "Dull and far too long."]}' || true)
  if [ "$(jq -r '.version // empty' <<<"$answer" 2>/dev/null)" = "$new_version" ]; then
    break
  fi
  if [ $((SECONDS - started)) -ge 120 ]; then
    echo "tango-api did not serve version $new_version within 120s; last answer: $answer" >&2
    exit 1
  fi
  sleep 2
done
labels=$(jq -r '[.results[].label] | join(",")' <<<"$answer")
echo "api: version $new_version answered labels $labels after $((SECONDS - started))s"
if [ "$labels" != "1,0" ]; then
  echo "expected labels 1,0 (positive, negative): $answer" >&2
  exit 1
fi
echo "smoke test passed"
