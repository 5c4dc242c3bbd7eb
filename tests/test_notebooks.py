"""Run every notebook the way `nbdev_test` does (same flags, same `CaptureShell`): one pytest result per notebook.

Cells flagged with `tst_flags` from settings.ini (`notest`, `slow`) are skipped, except that `slow` cells run
unless TTT_SKIP_SLOW=1: CI runs them all. Unlike `nbdev_test`, the executed notebook is kept, outputs and all, in
`_exec/`: the notebooks are stored without outputs, and `test_zy_docs.py` renders the docs from these copies so
the pages show real plots and tables. The copy also keeps the state of the widgets its outputs show, in the notebook's
metadata as Jupyter saves it ("save widget state"), so a page draws a board from it with no kernel (the deploy
workflow's Quarto render reads the same copies)."""
import os
from pathlib import Path
import pytest
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
from fastcore.xtras import working_directory
from nbdev.config import get_config
from nbdev.frontmatter import FrontmatterProc
from nbdev.process import NBProcessor

ROOT = Path(__file__).resolve().parent.parent
EXEC = ROOT / '_exec'
NBS = sorted(p for p in (ROOT / 'nbs').glob('*.ipynb') if not p.name.startswith('_'))

def skipped_cells(nb_path, flags):
    "Indices of the cells `nbdev_test` would not run: markdown, the export call, `eval: false`, a skipped flag."
    nb = NBProcessor(nb_path, procs=FrontmatterProc, process=True).nb
    def skip(c):
        d = getattr(c, 'directives_', None) or {}
        return (c.cell_type != 'code' or 'nbdev_export' + '(' in c.source
                or d.get('eval:', [''])[0].lower() == 'false' or bool(flags & d.keys()))
    return {c.idx_ for c in nb.cells if skip(c)}

WIDGET_VIEW, WIDGET_STATE = 'application/vnd.jupyter.widget-view+json', 'application/vnd.jupyter.widget-state+json'

def widget_views(nb)->list:
    "The model ids of the widget views among a notebook's outputs, in order."
    return [o['data'][WIDGET_VIEW]['model_id'] for c in nb.cells for o in c.get('outputs', []) if WIDGET_VIEW in o.get('data', {})]

def save_widget_state(nb):
    "Store in `nb.metadata` the state of every widget its outputs show and of the widgets those refer to (nothing else)."
    ids = widget_views(nb)
    if not ids: return nb.metadata.pop('widgets', None)
    from ipywidgets.embed import dependency_state
    from ipywidgets.widgets.widget import _instances   # every live widget by model id
    state = dependency_state([_instances[i] for i in dict.fromkeys(ids) if i in _instances], drop_defaults=True)
    nb.metadata['widgets'] = {WIDGET_STATE: {'version_major': 2, 'version_minor': 0, 'state': state}}

def execute(nb_path, flags):
    "Run `nb_path` in a fresh `CaptureShell`, skipping what `nbdev_test` skips; return (error or None, notebook)."
    skip, nb = skipped_cells(nb_path, flags), read_nb(nb_path)
    shell = CaptureShell(nb_path)
    # a fresh page needs plotly.js again: re-arm plotly's notebook renderer, which inlines it (no CDN needed)
    shell.run_cell("import plotly.io as _pio; _pio.renderers.default = 'plotly_mimetype+notebook'")
    try:
        with working_directory(nb_path.parent): shell.run_all(nb, exc_stop=True, preproc=lambda c: c.idx_ in skip)
    except Exception: return shell.prettytb(fname=nb_path), nb
    save_widget_state(nb)
    return None, nb

@pytest.mark.parametrize('nb', NBS, ids=[p.stem for p in NBS])
def test_notebook(nb):
    os.environ['IN_TEST'] = '1'
    os.environ.pop('TTT_MODEL', None)   # the tests run the notebooks on the tiny model, whatever the shell set for stepping through them
    flags = set(get_config().tst_flags.split()) - (set() if os.environ.get('TTT_SKIP_SLOW') == '1' else {'slow'})
    err, done = execute(nb, flags)
    EXEC.mkdir(exist_ok=True)
    dest = EXEC / nb.name
    if err: dest.unlink(missing_ok=True)
    else: write_nb(done, dest.with_suffix('.tmp')); dest.with_suffix('.tmp').replace(dest)
    assert err is None, f'{nb.name}: a cell failed\n{err}'
