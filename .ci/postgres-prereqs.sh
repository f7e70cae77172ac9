#!/usr/bin/env bash
# Makes sure the PostgreSQL server binaries (initdb, pg_ctl) that arf-store's tests start a private
# server from are installed. Idempotent: does nothing when they are there. Installs Debian's
# postgresql-15 (or the distribution's default `postgresql`) otherwise; runs `apt-get update` only
# when the package index does not know the package yet.
set -euo pipefail

have_server_binaries() {
  local dir
  for dir in "$(pg_config --bindir 2>/dev/null || true)" /usr/lib/postgresql/*/bin; do
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "PostgreSQL server binaries found in $dir"
      return 0
    fi
  done
  return 1
}

has_candidate() {
  local candidate
  candidate="$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')"
  [ -n "$candidate" ] && [ "$candidate" != "(none)" ]
}

if have_server_binaries; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "PostgreSQL server binaries are missing and apt-get is not available:" >&2
  echo "install PostgreSQL 15 (initdb, pg_ctl) by hand, or run the tests with -Darf.test.postgres=skip" >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

if ! has_candidate postgresql-15 && ! has_candidate postgresql; then
  $sudo apt-get update
fi

package=postgresql
if has_candidate postgresql-15; then
  package=postgresql-15
fi
echo "Installing $package"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$package"

have_server_binaries || {
  echo "installed $package but still found no initdb/pg_ctl under /usr/lib/postgresql/*/bin" >&2
  exit 1
}
