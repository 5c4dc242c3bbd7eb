"Checks on the repository itself: README generated from the notebook, every CLI answers --help, the workflow lint bites."
import configparser, os, shutil, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
import pytest
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
    def helps(s): return s, subprocess.run([str(Path(sys.executable).parent / s), '--help'], capture_output=True, text=True, timeout=120)
    with ThreadPoolExecutor(2) as ex:   # two at a time: each spends its time importing, on one core
        for s, r in ex.map(helps, scripts): assert r.returncode == 0 and 'usage' in r.stdout.lower(), (s, r.stderr[-2000:])

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

# A workflow that passes the lint, and one change per kind of error it must fail: YAML, schema, two expressions.
WORKFLOW = """name: t
on: push
permissions: {}
jobs:
  t:
    name: t
    runs-on: ubuntu-latest
    steps:
      - run: echo "$SHA"
        if: github.event_name == 'push'
        env: {SHA: "${{ github.sha }}"}
"""
BROKEN = {'yaml': ('runs-on: ubuntu-latest', 'runs-on: [ubuntu-latest'), 'schema': ('steps:', 'step:'),
          'if': ("== 'push'", "== 'push' &&"), 'template': ('github.sha }}', 'github.sha ) }}')}

def test_workflow_lint_fails_on_errors(tmp_path):
    "`.ci/lint-workflows.sh`, CI's workflow lint, passes the repository's workflows and a sound one, and fails each error."
    bin_dir = Path(sys.executable).parent
    if not shutil.which('zizmor', path=f'{bin_dir}{os.pathsep}{os.environ["PATH"]}'):
        (pytest.fail if os.environ.get('CI') else pytest.skip)('zizmor is not installed: run bash tools/install.sh')
    env = dict(os.environ, PATH=f'{bin_dir}{os.pathsep}{os.environ["PATH"]}')
    def lint(*dirs): return subprocess.run(['bash', str(ROOT / '.ci' / 'lint-workflows.sh'), *map(str, dirs)], env=env,
                                           capture_output=True, text=True, timeout=60)
    for name, (old, new) in [('sound', ('', '')), *BROKEN.items()]:
        d = tmp_path / name / '.github' / 'workflows'   # zizmor takes workflows from such a folder only
        d.mkdir(parents=True); (d / 'ci.yaml').write_text(WORKFLOW.replace(old, new) if old else WORKFLOW)
        r = lint(d)
        assert (r.returncode == 0) == (name == 'sound'), (name, r.stdout[-2000:])
    r = lint()
    assert r.returncode == 0, r.stdout[-3000:]
