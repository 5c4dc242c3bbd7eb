#!/usr/bin/env bash
# The package a stranger installs: build the sdist and then the wheel from it (as `python -m build` does: a file the
# sdist lacks breaks the wheel), check both with twine, check that the wheel ships every configs/**.yaml under
# ttt_nb/configs, install it into a fresh venv the way tools/install.sh installs the project (torch first, in its
# own pip command), and run commands from it away from this checkout, so nothing is imported from the source tree.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
t=$SECONDS
python -m build --outdir "$tmp/dist" . >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; exit 1; }
twine check --strict "$tmp"/dist/*
python - "$tmp"/dist/*.whl <<'PY'
import sys, zipfile
from pathlib import Path
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
want = {f'ttt_nb/configs/{p.relative_to("configs").as_posix()}' for p in Path('configs').rglob('*.yaml')}
assert want and want <= names, f'the wheel lacks {sorted(want - names)}'
print(f'the wheel ships the {len(want)} configs under ttt_nb/configs')
PY
echo "package built and checked in $((SECONDS - t)) s"; t=$SECONDS

# pip's --no-compile for this venv only (pip reads 0 as "on" for a --no-* flag): it runs two commands, so compiling
# all of torch and transformers up front costs more (39 s) than compiling what they import (16 s). Not for .venv:
# with PYTHONDONTWRITEBYTECODE set (as on the project's machines) every test process would compile again (CI 28 -> 39 min).
PIP_NO_COMPILE=0 bash tools/install.sh "$tmp/venv" "$tmp"/dist/*.whl
echo "fresh venv with the wheel in $((SECONDS - t)) s"; t=$SECONDS
cd "$tmp"
env -u PYTHONPATH venv/bin/ttt_pipeline --help | grep '^usage: ttt_pipeline' >/dev/null
env -u PYTHONPATH venv/bin/ttt_solve | tee solve.txt
grep -q '^5478 reachable positions' solve.txt && [ "$(grep -c 'loss 0.00%; lost 0 of' solve.txt)" = 2 ] \
  || { echo "FAIL: ttt_solve from the wheel did not print the solved game"; exit 1; }
env -u PYTHONPATH venv/bin/python -c "from ttt_nb.trainers import configs_dir; d = configs_dir(); assert 'site-packages' in str(d), d"
echo "the installed wheel runs ttt_pipeline --help and ttt_solve and finds its configs ($((SECONDS - t)) s)"
