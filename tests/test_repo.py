"Checks on the repository itself: README generated from the notebook, and every CLI answers --help."
import configparser, re, subprocess, sys
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

def test_no_cell_mixes_imports_with_code():
    "nbdev's docs build runs every non-export cell that imports anything; a cell that also trains or asserts would run there too."
    from execnb.nbio import read_nb
    from nbdev.processors import _do_eval
    from nbdev.process import NBProcessor
    from nbdev.frontmatter import FrontmatterProc
    import ast
    mixed = []
    for p in sorted((ROOT / 'nbs').glob('*.ipynb')):
        for c in NBProcessor(p, procs=FrontmatterProc, process=True).nb.cells:
            if c.cell_type != 'code' or not _do_eval(c) or (c.directives_.keys() & {'export', 'exports', 'exporti', 'exec_doc'}): continue
            if any(not isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.parse(c.source).body): mixed.append(f'{p.name}: {c.source.splitlines()[0]}')
    assert not mixed, f'split these cells (imports in a cell of their own): {mixed}'

def test_every_notebook_is_a_page():
    "A notebook missing from Quarto's render list or the sidebar is never built into the docs site (03a and 07a once were)."
    nbs = {p.name for p in (ROOT / 'nbs').glob('*.ipynb')}
    for f in ('_quarto.yml', 'sidebar.yml'):
        listed = set(re.findall(r'[\w.-]+\.ipynb', (ROOT / 'nbs' / f).read_text()))
        assert nbs <= listed, f'nbs/{f} does not list {sorted(nbs - listed)}'
