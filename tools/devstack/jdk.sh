# Sourced by the start and test scripts: exports JAVA_HOME pointing at a JDK 25 or newer.
java_major() { # the feature version of the JDK in $1, from its release file
  local version
  version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true)"
  echo "${version:-0}"
}

select_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && "$(java_major "$JAVA_HOME")" -ge 25 ]]; then
    export JAVA_HOME
    return
  fi
  local candidate
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
    if [[ -x "$candidate/bin/java" && "$(java_major "$candidate")" -ge 25 ]]; then
      export JAVA_HOME="$candidate"
      return
    fi
  done
  echo "error: JDK 25 or newer is needed. Set JAVA_HOME to one (found: ${JAVA_HOME:-none}; nothing under /usr/lib/jvm/*25*)." >&2
  exit 1
}
