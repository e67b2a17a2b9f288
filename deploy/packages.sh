# Sourced by the deploy scripts. require_packages NAME=PACKAGE...: installs with apt-get the
# Debian packages whose command (or file, when NAME is a path) is missing.
require_packages() {
  local missing=() pair name
  for pair in "$@"; do
    name=${pair%%=*}
    [ -e "$name" ] || command -v "$name" >/dev/null || missing+=("${pair#*=}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
}
