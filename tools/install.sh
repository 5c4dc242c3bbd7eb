#!/usr/bin/env bash
# Install ttt-nb into ./.venv from nothing. torch comes first, in its own pip command: asked for by another
# package it would pull a multi-GB CUDA build; 2.13.0 is the CPU wheel this project is tested with.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -c "import torch" 2>/dev/null || .venv/bin/python -m pip install -q torch==2.13.0
.venv/bin/python -m pip install -q -e ".[dev]"
