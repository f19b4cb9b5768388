#!/usr/bin/env bash
# Candidates left per role × purpose × masked identifier, before and after (issue 11's note):
#   scripts/insider-counts.sh [BEFORE_REF] [AFTER_REF]   (defaults: c0372c7, the commit before the
#   issue-11 work, and HEAD)
# Each ref is checked out in a temporary worktree, given this branch's insider collection and
# counting (test/support/insider) and scripts/insider/insiderCounts.test.ts, and run on its own demo
# seed; the same insider therefore measures both. Needs TEST_EMBEDDED_PG_PORT (or the suite's
# database URLs) like npm test; prints a Markdown table.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
before="${1:-c0372c7}"
after="${2:-HEAD}"
work="$(mktemp -d "${TMPDIR:-/tmp}/insider-counts.XXXXXX")"
chmod o+x "$work" # the embedded PostgreSQL runs as its own user when the script runs as root
trap 'for d in "$work"/before "$work"/after; do [ -d "$d" ] && git -C "$here" worktree remove --force "$d" >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT
run() { # ref name
  local dir="$work/$2"
  git -C "$here" worktree add --detach "$dir" "$1" >/dev/null 2>&1
  ln -s "$here/node_modules" "$dir/node_modules"
  mkdir -p "$dir/test/support/insider"
  cp "$here"/test/support/insider/{absorb,attack,candidates,collect}.ts "$dir/test/support/insider/"
  cp "$here/scripts/insider/insiderCounts.test.ts" "$dir/test/zzInsiderCounts.test.ts"
  (cd "$dir" && ONEFILE_DATA_DIR="$work/$2-data" npx jest test/zzInsiderCounts.test.ts --runInBand > "$work/$2.log" 2>&1) || true
  grep -o 'INSIDER {.*}' "$work/$2.log" | sed 's/^INSIDER //' > "$work/$2.jsonl" || { echo "$1: no counts; the run said:" >&2; tail -20 "$work/$2.log" >&2; }
}
run "$before" before
run "$after" after
node - "$work/before.jsonl" "$work/after.jsonl" "$before" "$after" <<'JS'
const fs = require('fs');
const [b, a, bRef, aRef] = process.argv.slice(2);
const read = (f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const key = (r) => `${r.role} / ${r.purpose} | ${r.field}`;
const before = new Map(read(b).filter((r) => r.field).map((r) => [key(r), r]));
const after = new Map(read(a).filter((r) => r.field).map((r) => [key(r), r]));
const errors = [...read(b), ...read(a)].filter((r) => r.error);
const fmt = (r, f) => (r ? String(r[f] ?? '') : 'seen in full');
console.log(`| role / purpose | identifier | fewest before (${bRef}) | fewest after (${aRef}) | median after | fewest after, own records counted |`);
console.log('|---|---|---|---|---|---|');
for (const k of [...new Set([...before.keys(), ...after.keys()])].sort()) {
  const [col, field] = k.split(' | ');
  console.log(`| ${col} | ${field} | ${fmt(before.get(k), 'min')} | ${fmt(after.get(k), 'min')} | ${fmt(after.get(k), 'median')} | ${fmt(after.get(k), 'minWithOwn')} |`);
}
for (const e of errors) console.log(`\n${e.role} / ${e.purpose}: the insider's queries were refused: ${e.error}`);
JS
