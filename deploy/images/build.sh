#!/usr/bin/env bash
# Builds Tango's container images without a Docker daemon or a registry (run it as ./tango images,
# which picks the newest JDK; as root, since debootstrap and podman's storage need it):
#   1. the base, once: a Debian bookworm root from debootstrap plus a Java runtime that jlink makes
#      from $JAVA_HOME, loaded into podman and saved as deploy/target/tango-base.tar;
#   2. the images of tango-api and tango-admin, by Jib from that archive (Maven profile "image"),
#      written to <module>/target/<module>-image.tar;
#   3. both archives loaded into podman as localhost/tango/<module>:<version>.
# Options: --rebuild-base makes the base again (a new JDK or Debian point release); --no-load
# stops after step 2.
set -euo pipefail
cd "$(dirname "$0")/../.."

rebuild_base=false load=true
for argument in "$@"; do
  case "$argument" in
    --rebuild-base) rebuild_base=true ;;
    --no-load) load=false ;;
    *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
: "${JAVA_HOME:?set JAVA_HOME to a JDK 21 or later (./tango images does)}"
work=deploy/target
base_archive=$work/tango-base.tar
# The modules the services use (java.se for the JDK's APIs, jdk.* for Unsafe-based libraries,
# JMX/JFR and zip file systems); jdeps cannot see what Spring loads reflectively.
modules=java.se,jdk.unsupported,jdk.management,jdk.management.jfr,jdk.jfr,jdk.zipfs,jdk.naming.dns,jdk.crypto.ec
export CONTAINERS_CONF="$PWD/deploy/containers.conf"
source deploy/packages.sh
require_packages debootstrap=debootstrap podman=podman runc=runc

build_base() {
  mkdir -p "$work"
  rm -rf "$work/rootfs" "$work/base-context"
  # minbase: dpkg, apt and the C and C++ runtimes ONNX Runtime needs; wget for health checks.
  debootstrap --variant=minbase --include=wget,ca-certificates bookworm "$work/rootfs" http://deb.debian.org/debian
  chroot "$work/rootfs" groupadd --system --gid 10001 tango
  chroot "$work/rootfs" useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home \
    --shell /usr/sbin/nologin tango
  # Writable by the service: its data (embedded database, fitted heads, artifact store, the admin's
  # jobs volume of the Helm chart) and caches (models, natives). Folders that volumes are mounted
  # on exist here so that podman and Docker give a new volume their owner, not root.
  mkdir -p "$work/rootfs/app/data/heads" "$work/rootfs/app/data/artifacts" "$work/rootfs/app/data/jobs" \
    "$work/rootfs/app/.cache"
  chown -R 10001:10001 "$work/rootfs/app"
  rm -rf "$work"/rootfs/var/lib/apt/lists/* "$work"/rootfs/var/cache/apt/*.bin \
    "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/usr/share/doc/* "$work"/rootfs/usr/share/man/*
  tar -C "$work/rootfs" --numeric-owner -c . | podman import - localhost/tango-os:bookworm

  mkdir -p "$work/base-context"
  "$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --output "$work/base-context/jre"
  podman build --file deploy/images/Containerfile.base \
    --tag localhost/tango-base:latest "$work/base-context"
  rm -f "$base_archive"
  podman save --format docker-archive --output "$base_archive" localhost/tango-base:latest
  rm -rf "$work/rootfs" "$work/base-context"
}

if $rebuild_base || [ ! -f "$base_archive" ]; then
  build_base
fi

./mvnw -B -ntp -Pimage -pl tango-api,tango-admin -am package -DskipTests \
  -Dtango.image.base="$PWD/$base_archive"

if $load; then
  for module in tango-api tango-admin; do
    podman load --input "$module/target/$module-image.tar"
  done
fi
