# Sourced by the scripts that rebuild a bundled cascade (build-*-cascade.sh): stops at the
# first error, moves to the project root, sets DATA (TANGO_DATA, default ../shared/data) and
# SEED, and defines bench, which runs a tango-bench command.
#
# bench runs the jar TANGO_BENCH_JAR, if set, with a heap of BENCH_HEAP, else './tango bench'
# (which builds it first); BENCH_PROPERTIES, if set, are JVM options (-D...) for either.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

DATA=${TANGO_DATA:-../shared/data}
SEED=42

bench() {
  if [ -n "${TANGO_BENCH_JAR:-}" ]; then
    # shellcheck disable=SC2086 # BENCH_PROPERTIES holds several options
    java -Xmx"$BENCH_HEAP" ${BENCH_PROPERTIES:-} -jar "$TANGO_BENCH_JAR" "$@"
  elif [ -n "${BENCH_PROPERTIES:-}" ]; then
    JAVA_TOOL_OPTIONS="$BENCH_PROPERTIES" ./tango bench "$@"
  else
    ./tango bench "$@"
  fi
}
