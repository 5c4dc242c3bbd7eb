"""Run every notebook's test cells with nbdev's own `test_nb`: one pytest result per notebook.

Cells flagged with `tst_flags` from settings.ini (`notest`, `slow`) are skipped, except that `slow` cells run
unless TTT_SKIP_SLOW=1: CI runs them all."""
import os
from pathlib import Path
import pytest
from nbdev.config import get_config
from nbdev.test import test_nb as run_notebook  # aliased: pytest would collect a name starting with test_

NBS = sorted(p for p in (Path(__file__).resolve().parent.parent / 'nbs').glob('*.ipynb') if not p.name.startswith('_'))

@pytest.mark.parametrize('nb', NBS, ids=[p.stem for p in NBS])
def test_notebook(nb):
    force = [] if os.environ.get('TTT_SKIP_SLOW') == '1' else ['slow']
    ok, secs = run_notebook(nb, skip_flags=get_config().tst_flags.split(), force_flags=force)
    assert ok, f'{nb.name}: a test cell failed (traceback above)'
