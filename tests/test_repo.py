"Checks on the repository itself: README generated from the notebook, and every CLI answers --help."
import configparser, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'tools'))

def test_readme_in_sync():
    from make_readme import readme_text
    assert (ROOT / 'README.md').read_text(encoding='utf-8') == readme_text(), 'run python tools/make_readme.py'

def test_console_scripts_help():
    cfg = configparser.ConfigParser(delimiters=['=']); cfg.read(ROOT / 'settings.ini')
    scripts = [s.split('=')[0] for s in cfg['DEFAULT']['console_scripts'].split()]
    assert scripts
    for s in scripts:
        exe = Path(sys.executable).parent / s
        r = subprocess.run([str(exe), '--help'], capture_output=True, text=True, timeout=120)
        assert r.returncode == 0 and 'usage' in r.stdout.lower(), (s, r.stderr[-2000:])
