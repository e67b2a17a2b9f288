#!/usr/bin/env bash
# Checks the chart's monitoring with promtool: renders the PrometheusRule and the Grafana
# dashboard (with example-values.yaml), checks the alerting rules and every PromQL expression of
# the dashboard (check-rules.mjs turns them into rule files), then runs the alerts' unit tests
# (rules-test.yaml) on the rendered rules. Installs Debian's prometheus package (for promtool)
# when missing, and the yaml package once into deploy/target/tools.
#   deploy/helm/check-rules.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tools="$here/../target/tools/check-rules"
source "$here/../packages.sh"
require_packages node=nodejs npm=npm promtool=prometheus
if [ ! -d "$tools/node_modules/yaml" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund yaml@2.9.1)
fi
cp "$here/check-rules.mjs" "$here/../manifests.mjs" "$tools/"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$here/helm.sh" template tango "$here/tango" -f "$here/example-values.yaml" \
  --set prometheusRule.enabled=true --set grafanaDashboard.enabled=true \
  --show-only templates/prometheusrule.yaml --show-only templates/grafana-dashboard.yaml \
  | node "$tools/check-rules.mjs" "$scratch"
cp "$here/rules-test.yaml" "$scratch/rules-test.yaml"
promtool check rules "$scratch/alerts.yaml" "$scratch/dashboard.yaml"
promtool test rules "$scratch/rules-test.yaml"
