"""What the browser tests (test_zz_browser.py, test_zy_docs.py) share: the system Chromium and node with
playwright-core from tools/browser/ (`apt-get install chromium nodejs npm && npm ci --prefix tools/browser`;
.ci/run installs both). Not a test module: pytest collects only test_*.py."""
import os, shutil
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
BROWSER = ROOT / 'tools' / 'browser'
CHROMIUM = Path(os.environ.get('CHROMIUM', '/usr/bin/chromium'))

def node():
    "node, once Chromium and playwright-core are there: else skip, or fail under CI."
    node, pw = shutil.which('node'), BROWSER / 'node_modules' / 'playwright-core'
    if not (node and CHROMIUM.exists() and pw.is_dir()):
        (pytest.fail if os.environ.get('CI') else pytest.skip)(
            f'the browser test needs node, {CHROMIUM} and {pw.relative_to(ROOT)}: '
            'apt-get install chromium nodejs npm && npm ci --prefix tools/browser')
    return node
