# Shared by the scripts: pick a JDK >= 21 and prepare the Python virtualenv. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

# Maven and the functions need JDK 21+ (compiled with --release 21 for the Lambda java21 runtime).
use_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/* 2>/dev/null | sort -rV); do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "error: no JDK 21 or newer found (set JAVA_HOME)" >&2
  exit 1
}

# .venv holds the emulator and template tools, pinned in tools/requirements.txt.
use_venv() {
  local stamp=".venv/.requirements.sha256" want
  want="$(sha256sum tools/requirements.txt | cut -d' ' -f1)"
  if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "==> Python virtualenv (.venv) from tools/requirements.txt"
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check -r tools/requirements.txt
    echo "$want" > "$stamp"
  fi
}

# ministack (EMULATOR=ministack, mvn -P ministack) has its own virtualenv: its pins clash with moto's.
use_ministack_venv() {
  local stamp=".venv-ministack/.requirements.sha256" want
  want="$(sha256sum tools/requirements-ministack.txt | cut -d' ' -f1)"
  if [ ! -x .venv-ministack/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "==> Python virtualenv (.venv-ministack) from tools/requirements-ministack.txt"
    python3 -m venv .venv-ministack
    .venv-ministack/bin/pip install --quiet --disable-pip-version-check -r tools/requirements-ministack.txt
    echo "$want" > "$stamp"
  fi
}

# The dashboard's browser tests: Debian's chromium and the pinned playwright-core (e2e/setup).
use_browser_tests() {
  e2e/setup
}

mvn_quiet() {
  # Maven on JDK 24+ prints sun.misc.Unsafe warnings from its own libraries; they are noise.
  mvn -B "$@" 2> >(grep -v -E 'sun\.misc\.Unsafe|Please consider reporting this|will be removed in a future release' >&2)
}
