#!/usr/bin/env bash
# Prints the home of the first JDK whose version is >= 21: $JAVA_HOME, then javac on PATH, then the
# system's JVM folders (newest first). With --major, prints that JDK's major version instead.
set -uo pipefail
want=21

major_of() { # $1 = JDK home; prints its major version or nothing
  local rel="$1/release" v
  [ -f "$rel" ] && [ -x "$1/bin/javac" ] || return 1
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel")
  [ -n "$v" ] && echo "$v"
}

candidates() {
  [ -n "${JAVA_HOME:-}" ] && echo "$JAVA_HOME"
  if command -v javac >/dev/null 2>&1; then
    dirname "$(dirname "$(readlink -f "$(command -v javac)")")"
  fi
  for root in /usr/lib/jvm /usr/java /opt/java /Library/Java/JavaVirtualMachines; do
    [ -d "$root" ] || continue
    for d in "$root"/*; do
      [ -d "$d/Contents/Home" ] && d="$d/Contents/Home"
      echo "$d"
    done
  done | while read -r d; do echo "$(major_of "$d" || echo 0) $d"; done | sort -rn | cut -d' ' -f2-
}

while read -r home; do
  [ -n "$home" ] || continue
  m=$(major_of "$home") || continue
  if [ "$m" -ge "$want" ]; then
    if [ "${1:-}" = "--major" ]; then echo "$m"; else echo "$home"; fi
    exit 0
  fi
done < <(candidates)

echo "arf: no JDK $want or newer found (looked at JAVA_HOME, javac on PATH and /usr/lib/jvm)." >&2
echo "arf: install one (e.g. Temurin 21+) or point JAVA_HOME at it." >&2
exit 1
