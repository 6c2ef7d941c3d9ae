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
trap 'rm -f "$vitest_log"' EXIT
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
  run_step "playwright" npx playwright test
else
  echo
  echo "==> playwright: skipped, because there is no playwright.config.ts yet"
  summary+=("$(printf '%-12s skipped  (no playwright.config.ts)' "playwright")")
fi

echo
echo "==> Summary"
printf '  %s\n' "${summary[@]}"
exit "$failed"
