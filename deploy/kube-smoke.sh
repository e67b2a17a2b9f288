#!/usr/bin/env bash
# Smoke test of the Helm chart's manifests under podman: renders deploy/helm/tango with the images
# of ./tango images, turns the rendering into what `podman kube play` runs
# (deploy/kube/podman-manifests.mjs: Deployments and volume claims, their ConfigMap and Secret values
# written into the containers' environment), plays a PostgreSQL pod, then the tango-api and
# tango-admin Deployments one at a time on a podman network of their own, waits until each is ready
# (the readiness group its probe reads, on its management port) and that its public port answers
# 404 for /actuator/, and runs the smoke scenario: a new version of the seeded cascade
# sst2-sentiment created and activated through the admin's REST API, classified through tango-api. Removes the pods, network and volumes at the end (--keep leaves them). Needs root;
# installs podman, runc, catatonit (for the pods' infra containers), curl, jq, nodejs and npm with apt-get when missing.
#   ./tango images && deploy/kube-smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."

source deploy/smoke/common.sh
smoke_start "$@"
require_packages podman=podman runc=runc catatonit=catatonit curl=curl jq=jq node=nodejs npm=npm
require_images

tools=deploy/target/tools/kube
if [ ! -d "$tools/node_modules/yaml" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund yaml@2.9.1)
fi
cp deploy/kube/podman-manifests.mjs deploy/manifests.mjs "$tools/"

network=tango-kube-smoke subnet=10.89.71 work=deploy/target/kube-smoke
password=$(random_password)
mkdir -p "$work"
# clean: removes what an earlier run left (pods, their volumes, the network).
clean() {
  local file
  for file in "$work"/*.yaml; do
    [ "$(basename "$file")" = values.yaml ] || podman kube down "$file" >/dev/null 2>&1 || true
  done
  podman volume rm -f tango-heads tango-admin-jobs tango-smoke-postgres >/dev/null 2>&1 || true
  podman network rm -f "$network" >/dev/null 2>&1 || true
}
clean
trap '$keep || clean' EXIT
podman network create --subnet "$subnet.0/24" "$network" >/dev/null

cat >"$work/postgres.yaml" <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: tango-smoke-postgres
spec:
  containers:
    - name: postgres
      image: $postgres_image
      env:
        - {name: POSTGRES_DB, value: tango}
        - {name: POSTGRES_USER, value: tango}
        - {name: POSTGRES_PASSWORD, value: "$password"}
      volumeMounts:
        - {name: data, mountPath: /var/lib/postgresql/data}
  volumes:
    - name: data
      persistentVolumeClaim:
        claimName: tango-smoke-postgres
EOF
cat >"$work/values.yaml" <<EOF
image:
  tag: "$version"
database:
  url: jdbc:postgresql://$subnet.10:5432/tango
  password: "$password"
admin:
  users:
    - name: admin
      password: "{noop}$password"
      roles: [ADMIN]
EOF
deploy/helm/helm.sh template tango deploy/helm/tango -f "$work/values.yaml" >"$work/rendered.yaml"

# wait_until POD SECONDS COMMAND...: runs COMMAND every 3 s until it succeeds; prints the pod's log
# if it does not within SECONDS.
wait_until() {
  local name=$1 seconds=$2 started=$SECONDS
  shift 2
  until "$@" >/dev/null 2>&1; do
    if [ $((SECONDS - started)) -ge "$seconds" ]; then
      echo "$name is not ready after ${seconds}s; its log ends:" >&2
      podman pod logs --tail 20 "$name" >&2 || true
      return 1
    fi
    sleep 3
  done
  echo "$name ready after $((SECONDS - started))s"
}
# play NAME IP [--without-claims]: plays the Deployment NAME of the rendering with the pod's
# address IP (and the chart's volume claims, unless the option says they were played before).
play() {
  node "$tools/podman-manifests.mjs" "$1" ${3:-} <"$work/rendered.yaml" >"$work/$1.yaml"
  podman kube play --network "$network" --ip "$2" "$work/$1.yaml" >/dev/null
}

podman kube play --network "$network" --ip "$subnet.10" "$work/postgres.yaml" >/dev/null
wait_until tango-smoke-postgres 120 podman exec tango-smoke-postgres-postgres pg_isready -U tango -d tango
api="http://$subnet.11:8080" admin="http://$subnet.12:8081"
play tango-api "$subnet.11"
# tango-api's Actuator answers on its management port (api.managementPort), not on 8080.
wait_until tango-api-pod-0 "${TANGO_SMOKE_START_SECONDS:-600}" curl -sf "http://$subnet.11:9090/actuator/health/readiness"
if curl -s -o /dev/null -w '%{http_code}' "$api/actuator/health" | grep -qv '^404$'; then
  echo "tango-api's Actuator answers on its public port" >&2
  exit 1
fi
play tango-admin "$subnet.12" --without-claims
# So is tango-admin's (admin.managementPort), where health needs no sign-in; 8081 answers 404 there.
wait_until tango-admin-pod-0 "${TANGO_SMOKE_START_SECONDS:-600}" curl -sf "http://$subnet.12:9091/actuator/health/readiness"
if curl -s -o /dev/null -w '%{http_code}' "$admin/actuator/health" | grep -qv '^404$'; then
  echo "tango-admin's Actuator answers on its public port" >&2
  exit 1
fi

run_scenario "$api" "$admin" "$password"
