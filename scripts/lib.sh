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

# checkov (scripts/test's security scan) has its own virtualenv too: it pins an older boto3 than moto's.
use_checkov_venv() {
  local stamp=".venv-checkov/.requirements.sha256" want
  want="$(sha256sum tools/requirements-checkov.txt | cut -d' ' -f1)"
  if [ ! -x .venv-checkov/bin/checkov ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "==> Python virtualenv (.venv-checkov) from tools/requirements-checkov.txt"
    python3 -m venv .venv-checkov
    .venv-checkov/bin/pip install --quiet --disable-pip-version-check -r tools/requirements-checkov.txt
    echo "$want" > "$stamp"
  fi
}

# checkov over template.yaml, offline: prints the summary and any failed check, fails on a failed
# check or a template it cannot parse. Accepted findings are skipped in .checkov.yaml (skip-check), each
# with its written reason; a finding not listed there fails the scan.
checkov_template() {
  local out rc=0
  out="$(.venv-checkov/bin/checkov --config-file .checkov.yaml -f template.yaml --framework cloudformation --skip-download --compact 2>&1)" || rc=$?
  echo "$out" | awk '/^Passed checks/ {print "checkov: " $0} /^Check:/ {check=$0} /FAILED for resource/ {print check; print $0}'
  CHECKOV_SUMMARY="checkov: $(echo "$out" | grep -m1 '^Passed checks' || true) (template.yaml)"
  if [ "$rc" -ne 0 ] || ! echo "$out" | grep -q '^Passed checks: [1-9]' || echo "$out" | grep -q 'Parsing errors'; then
    echo "checkov: failed checks or an unreadable template (fix it, or skip the check in .checkov.yaml with a written reason)" >&2
    echo "$out" | grep -i -A3 'error' >&2 || true
    return 1
  fi
  # Skips are per check, for the whole template: the same scan without them must fail only on the
  # resources each skip's reason names ("# on:" in .checkov.yaml).
  # (run from another directory: checkov reads ./.checkov.yaml on its own, even beside --config-file)
  local report root; report="$(mktemp)"; root="$PWD"
  (cd "$(dirname "$report")" && "$root/.venv-checkov/bin/checkov" -f "$root/template.yaml" --framework cloudformation \
    --skip-download -o json > "$report" 2>/dev/null) || true
  .venv-checkov/bin/python tools/checkov_scope.py .checkov.yaml "$report" || { rm -f "$report"; return 1; }
  rm -f "$report"
}

mvn_quiet() {
  # Maven on JDK 24+ prints sun.misc.Unsafe warnings from its own libraries; they are noise.
  mvn -B "$@" 2> >(grep -v -E 'sun\.misc\.Unsafe|Please consider reporting this|will be removed in a future release' >&2)
}
