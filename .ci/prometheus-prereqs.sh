#!/usr/bin/env bash
# Makes sure the Prometheus and Alertmanager binaries that arf-server's tests start a private server
# from are installed: promtool and prometheus (Debian's `prometheus`), alertmanager (Debian's
# `prometheus-alertmanager`). Idempotent: does nothing when they are there; runs `apt-get update`
# only when the package index does not know the packages yet.
set -euo pipefail

find_binary() {
  local name dir
  for name in "$@"; do
    if command -v "$name" >/dev/null 2>&1; then
      return 0
    fi
    for dir in /usr/bin /usr/local/bin; do
      if [ -x "$dir/$name" ]; then
        return 0
      fi
    done
  done
  return 1
}

have_binaries() {
  find_binary promtool && find_binary prometheus && find_binary prometheus-alertmanager alertmanager
}

has_candidate() {
  local candidate
  candidate="$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')"
  [ -n "$candidate" ] && [ "$candidate" != "(none)" ]
}

if have_binaries; then
  echo "Prometheus, promtool and Alertmanager found"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Prometheus/Alertmanager binaries are missing and apt-get is not available:" >&2
  echo "install prometheus (with promtool) and alertmanager by hand; their tests skip without them" >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

if ! has_candidate prometheus || ! has_candidate prometheus-alertmanager; then
  $sudo apt-get update
fi

echo "Installing prometheus prometheus-alertmanager"
# --no-install-recommends keeps the node exporter and the web assets out; policy-rc.d-less
# containers may refuse to start the services, which the tests do not need.
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
  prometheus prometheus-alertmanager

have_binaries || {
  echo "installed prometheus and prometheus-alertmanager but found no promtool/prometheus/alertmanager" >&2
  exit 1
}
