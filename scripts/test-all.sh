#!/usr/bin/env bash
# Runs every test of the project, as `npm test`: the TypeScript type check, the Vitest suite (each file
# on a fresh SQLite file and on a fresh Postgres database), then the Playwright end-to-end suite in
# Chromium. Every step runs even after an earlier one fails, so one run reports all failures. The exit
# status is non-zero when any step failed.
#
# Needs PostgreSQL on 127.0.0.1:5432 reachable as the postgres user without a password (override with
# TEST_POSTGRES_ADMIN_URL) and Chromium at /usr/bin/chromium. .ci/run provides both on Debian.
set -uo pipefail
cd "$(dirname "$0")/.."

declare -a summary=()
failed=0

# Runs one step, prints its duration and records the outcome for the summary.
run_step() {
  local name="$1"
  shift
  echo
  echo "==> ${name}: $*"
  local start=$SECONDS
  if "$@"; then
    summary+=("$(printf '%-12s passed   %4ss' "$name" $((SECONDS - start)))")
  else
    local status=$?
    summary+=("$(printf '%-12s FAILED   %4ss  (exit status %s)' "$name" $((SECONDS - start)) "$status")")
    failed=1
  fi
}

run_step "typecheck" npx tsc --noEmit

if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo
  echo "PostgreSQL is not accepting connections on 127.0.0.1:5432, so the postgres half of Vitest will fail."
  echo "Start it (on Debian: pg_ctlcluster <version> main start) or run .ci/run, which starts it."
fi

# Vitest's output is also kept in a file, so that the summary below can repeat its test counts.
vitest_log="$(mktemp)"
playwright_log=""
trap 'rm -f "$vitest_log" ${playwright_log:+"$playwright_log"}' EXIT
run_vitest() {
  npx vitest run 2>&1 | tee "$vitest_log"
}
run_step "vitest" run_vitest
while IFS= read -r line; do
  summary+=("               ${line}")
done < <(sed -E 's/\x1b\[[0-9;]*m//g' "$vitest_log" | grep -E '^ *(Test Files|Tests|Errors) ' | sed -E 's/^ +//')

if [[ -f playwright.config.ts ]]; then
  if [[ ! -x /usr/bin/chromium ]]; then
    echo
    echo "Chromium is missing at /usr/bin/chromium; install it with: apt-get install -y chromium"
  fi
  playwright_log="$(mktemp)"
  run_playwright() {
    npx playwright test 2>&1 | tee "$playwright_log"
  }
  run_step "playwright" run_playwright
else
  echo
  echo "==> playwright: skipped, because there is no playwright.config.ts yet"
  summary+=("$(printf '%-12s skipped  (no playwright.config.ts)' "playwright")")
fi

echo
echo "==> Summary"
printf '  %s\n' "${summary[@]}"

# One closing line with the totals of both runners, in the plain "N passed, N failed" form.
count_of() {
  sed -E 's/\x1b\[[0-9;]*m//g' "$1" 2>/dev/null | grep -oE "$2" | grep -oE '[0-9]+' | tail -n 1
}
# Vitest prints "Tests  3 failed | 600 passed (603)", failures first.
vitest_passed=$(count_of "$vitest_log" 'Tests +([0-9]+ failed \| )?[0-9]+ passed')
vitest_failed=$(count_of "$vitest_log" 'Tests +[0-9]+ failed')
e2e_passed=$(count_of "${playwright_log:-/dev/null}" '^ +[0-9]+ passed')
e2e_failed=$(count_of "${playwright_log:-/dev/null}" '^ +[0-9]+ failed')
total_passed=$(( ${vitest_passed:-0} + ${e2e_passed:-0} ))
total_failed=$(( ${vitest_failed:-0} + ${e2e_failed:-0} ))
if [[ "$failed" -ne 0 && "$total_failed" -eq 0 ]]; then
  total_failed=1  # A step failed before its runner counted tests, e.g. the type check.
fi
echo
echo "${total_passed} passed, ${total_failed} failed"
exit "$failed"
