# Sourced by the smoke tests (deploy/smoke.sh, deploy/kube-smoke.sh), from the project's root.
source deploy/packages.sh

# smoke_start ARGS...: reads the smoke test's options (sets keep: true when the first argument is
# --keep) and points podman at deploy/containers.conf.
smoke_start() {
  keep=false
  [ "${1:-}" = --keep ] && keep=true
  export CONTAINERS_CONF="$PWD/deploy/containers.conf"
}

# require_images: sets version (the project's) and postgres_image; fails unless ./tango images has
# loaded both services' images, and builds the smoke test's PostgreSQL image once.
require_images() {
  local module
  version=$(sed -n 's:^\t<version>\(.*\)</version>:\1:p' pom.xml | head -1)
  for module in tango-api tango-admin; do
    podman image exists "localhost/tango/$module:$version" \
      || { echo "No image localhost/tango/$module:$version: run ./tango images first." >&2; exit 1; }
  done
  postgres_image=localhost/tango-smoke/postgres:15
  podman image exists "$postgres_image" \
    || podman build --file deploy/smoke/Containerfile.postgres --tag "$postgres_image" deploy/smoke
}

# random_password: prints a fresh password for the smoke test's admin user and database.
random_password() {
  echo "smoke-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
}

# run_scenario API_URL ADMIN_URL ADMIN_PASSWORD: through the admin's REST
# API (user admin), reads the active version of the seeded cascade sst2-sentiment, creates a new
# version of it with another first gate (threshold 0.95) and activates it; then classifies through
# tango-api until that version answers, and checks the labels. Needs curl and jq; exits non-zero on
# any failure.
run_scenario() {
  local api_base=$1 admin_base=$2 password=$3
  local admin admin_url active tiers created new_version started answer labels
  admin=(curl -sS --fail-with-body -u "admin:$password" -H 'Content-Type: application/json')
  admin_url="$admin_base/api/cascades/sst2-sentiment"
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
    answer=$(curl -sS "$api_base/v1/classify" -H 'Content-Type: application/json' \
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
  if [ "$labels" != "positive,negative" ]; then
    echo "expected labels positive,negative: $answer" >&2
    exit 1
  fi
  echo "smoke test passed"
}
