#!/usr/bin/env bash
# Install ttt-nb into ./.venv from nothing: `bash tools/install.sh`. Also `bash tools/install.sh VENV PACKAGE...`
# installs PACKAGE (for example a built wheel) into the virtualenv VENV the same way (.ci/run checks its wheel so).
#
# torch comes first, in its own pip command: asked for by another package it would come from PyPI, which on Linux
# is a multi-GB CUDA build. So: a torch already in the venv is kept (a GPU user's CUDA build, say); else a torch
# wheel that pip finds without an index (a local wheelhouse in pip's find-links, as on the project's machines,
# offline); else the CPU wheel from PyTorch's CPU index. 2.13.0 is the version this project is tested with.
set -euo pipefail
cd "$(dirname "$0")/.."
TORCH=torch==2.13.0
CPU_INDEX=https://download.pytorch.org/whl/cpu
venv=${1:-.venv}
what=("${@:2}"); [ ${#what[@]} -gt 0 ] || what=(-e ".[dev]")
py=$venv/bin/python

[ -x "$py" ] || python3 -m venv "$venv"
"$py" -m pip install -q --upgrade pip
if have=$("$py" -c "import torch; print(torch.__version__, '(CUDA %s)' % torch.version.cuda if torch.version.cuda else '')" 2>/dev/null); then
  echo "install.sh: keeping the torch already in $venv: $have"
elif "$py" -m pip install -q --no-index --no-deps "$TORCH" 2>/dev/null; then
  "$py" -m pip install -q "$TORCH"      # torch is in: this adds its dependencies
else
  echo "install.sh: installing $TORCH, the CPU build, from $CPU_INDEX"
  "$py" -m pip install -q "$TORCH" --index-url "$CPU_INDEX"
fi
"$py" -m pip install -q "${what[@]}"
