#!/usr/bin/env bash
# Runs Maven on a JDK >= 21, whatever the default java is.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAVA_HOME="$("$here/jdk.sh")"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
if [ "$("$here/jdk.sh" --major)" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
exec mvn -B -f "$here/pom.xml" "$@"
