#!/usr/bin/env bash
# Renders the chart with the given values and checks every manifest against the Kubernetes API
# schemas without a cluster (validate.mjs), after linting the chart strictly. Installs Debian's
# nodejs and npm when missing, and the schema packages once into deploy/target/tools.
#   deploy/helm/validate.sh [HELM TEMPLATE ARGS...]    e.g. -f my-values.yaml
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tools="$here/../target/tools/validate"
source "$here/../packages.sh"
require_packages node=nodejs npm=npm
if [ ! -d "$tools/node_modules/kubernetes-models" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund \
    kubernetes-models@5.1.0 @kubernetes-models/prometheus-operator@6.0.0 yaml@2.9.1)
fi
cp "$here/validate.mjs" "$here/../manifests.mjs" "$tools/"
"$here/helm.sh" lint --strict "$here/tango" "$@"
"$here/helm.sh" template tango "$here/tango" "$@" | node "$tools/validate.mjs"
