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

source deploy/smoke/common.sh
smoke_start "$@"
require_packages podman=podman runc=runc podman-compose=podman-compose \
  /usr/lib/cni/dnsname=golang-github-containernetworking-plugin-dnsname curl=curl jq=jq
require_images
export TANGO_VERSION=$version TANGO_POSTGRES_IMAGE=$postgres_image
export TANGO_ADMIN_PASSWORD=$(random_password) TANGO_DB_PASSWORD=$(random_password)
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

run_scenario "http://localhost:$TANGO_API_PORT" "http://localhost:$TANGO_ADMIN_PORT" "$TANGO_ADMIN_PASSWORD"
