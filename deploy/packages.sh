# Sourced by the deploy scripts. require_packages NAME=PACKAGE...: installs with apt-get the
# Debian packages whose command (or file, when NAME is a path) is missing. Services that the
# packages bring (such as prometheus) are not started: unless the machine has a policy-rc.d
# already, one that forbids starting them is in place while apt-get runs.
require_packages() {
  local missing=() pair name
  for pair in "$@"; do
    name=${pair%%=*}
    [ -e "$name" ] || command -v "$name" >/dev/null || missing+=("${pair#*=}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    (
      policy=/usr/sbin/policy-rc.d
      if [ ! -e "$policy" ]; then
        trap 'rm -f "$policy"' EXIT
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod 755 "$policy"
      fi
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
    )
  fi
}
