"""One trained tiny model per test session: `TTT_CACHE` points at a fresh folder (unless it is set already), so the
first notebook that needs the SFT-trained tiny model (08_sft) trains it and every later notebook, and the JupyterLab
runs of test_zz_browser.py, reuse that checkpoint instead of training again."""
import os, shutil, tempfile

_made = None

def pytest_configure(config):
    global _made
    if not os.environ.get('TTT_CACHE'): os.environ['TTT_CACHE'] = _made = tempfile.mkdtemp(prefix='ttt-cache-')

def pytest_unconfigure(config):
    if _made: shutil.rmtree(_made, ignore_errors=True)
