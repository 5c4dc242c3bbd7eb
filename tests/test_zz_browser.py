"""Run the notebooks in a real JupyterLab in headless Chromium, and play one move on the board of 12_play.

test_notebooks.py runs the notebooks' code in a bare kernel, which renders nothing: a broken widget front end (the
ipywidgets or plotly JupyterLab extensions, a JupyterLab upgrade) would pass it, and the board would not show for
anyone. Here `jupyter lab` serves a copy of nbs/ (so saving never dirties the repo) and
tools/browser/run_notebook.mjs (Playwright driving the system Chromium) opens each notebook, runs all cells and
saves. On 12_play it then plays the last board by clicks, as a person does: one click, the model's reply and the
thought that model (one that thinks) wrote for it beside the board; then on to the end of the game, "new game", and
"you play" switched to O. On 05_rewards it clicks two moves into the reward explorer, resets it and types a finished
board. After each step the page's cells (their text in the DOM) must equal the board the kernel holds (read from the
widget's variable in the kernel), and the figures beside the board must be the current ones (none after a new game
or on a finished board): JupyterLab's button view keeps a label that is set to '', which once left the last game's
marks on the page. The saved copy must have every code cell executed and no error output; screenshots (the board
before and after each step) go to $TTT_ARTIFACTS (default runs/ci-artifacts/).

Only the notebooks with a board played by clicks run here (05_rewards, 12_play). Both show an ipywidget and a plotly
figure, and the test asserts that the copy JupyterLab saved holds both kinds of output: so a broken widget or plotly
front end fails here. Every other notebook's widgets (progress bars) and figures are drawn from their saved outputs,
page by page in Chromium, by test_zy_docs.py, and their text outputs were checked cell by cell by test_notebooks.py;
running them here again (08_sft, 11_evaluate, 13_pipeline, 99_reliability: minutes each on 2 cores) cost CI a
quarter of its time for nothing a live front end adds.
The file name makes pytest run it after test_notebooks.py, which trained the tiny model once into this session's
$TTT_CACHE (tests/conftest.py): the JupyterLab server inherits that cache, so the notebooks that train start from the
same checkpoint instead of training it again. It needs
/usr/bin/chromium and `npm ci --prefix tools/browser` (.ci/run installs both): without them it is skipped, or failed when $CI is set."""
import json, os, secrets, shutil, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import pytest

from browser_tools import BROWSER, ROOT, node as _node
from ttt_nb.original import original_dir

WIDGETS = {'12_play': '--board=g', '05_rewards': '--explorer=explorer'}   # the boards played by clicks, and their variables
DRAWN = {'application/vnd.plotly.v1+json': 'a plotly figure', 'application/vnd.jupyter.widget-view+json': 'a widget'}   # what a broken front end loses

def _free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

@pytest.fixture(scope='module')
def lab(tmp_path_factory):
    "JupyterLab on a copy of nbs/ (plus settings.ini for the notebooks' `nbdev_export()` cells, and configs/ that 13 checks), kept off the network: (url, root, log)."
    _node()
    tmp_path = tmp_path_factory.mktemp('lab')
    root = tmp_path / 'root'
    shutil.copytree(ROOT / 'nbs', root / 'nbs'); shutil.copytree(ROOT / 'configs', root / 'configs'); shutil.copy(ROOT / 'settings.ini', root)
    port, token = _free_port(), secrets.token_hex(16)
    original = str(original_dir())   # found (or downloaded) from here: the copy's parent folders hold no shared/seed-datasets
    env = dict(os.environ, TTT_ORIGINAL_DIR=original, HF_HUB_OFFLINE='1', JUPYTER_TOKEN=token,
               JUPYTER_CONFIG_DIR=str(tmp_path / 'jupyter-config'), JUPYTER_DATA_DIR=str(tmp_path / 'jupyter-data'),
               JUPYTER_RUNTIME_DIR=str(tmp_path / 'jupyter-runtime'),
               JUPYTERLAB_SETTINGS_DIR=str(tmp_path / 'lab-settings'), JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / 'lab-workspaces'))
    cmd = [str(Path(sys.executable).parent / 'jupyter'), 'lab', '--no-browser', '--ip=127.0.0.1', f'--port={port}',
           '--ServerApp.port_retries=0', f'--ServerApp.root_dir={root}', '--LabApp.expose_app_in_browser=True',
           '--LabApp.news_url=None', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
           '--LabApp.extension_manager=readonly'] + (['--allow-root'] if os.geteuid() == 0 else [])
    with open(tmp_path / 'jupyter.log', 'w') as log:
        server = subprocess.Popen(cmd, env=env, cwd=root, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f'http://127.0.0.1:{port}/'
            for _ in range(120):
                assert server.poll() is None, 'jupyter lab exited:\n' + (tmp_path / 'jupyter.log').read_text()[-3000:]
                try:
                    with urllib.request.urlopen(f'{url}api/status?token={token}', timeout=2): break
                except OSError: time.sleep(0.5)
            else: pytest.fail('jupyter lab did not answer /api/status in 60 s')
            yield f'{url}?token={token}', root, tmp_path / 'jupyter.log'
        finally:
            server.terminate()  # SIGTERM: the server shuts its kernels down
            try: server.wait(30)
            except subprocess.TimeoutExpired: server.kill(); server.wait()

@pytest.mark.parametrize('name', sorted(WIDGETS))
def test_notebook_in_browser(lab, name, tmp_path):
    node, (url, root, server_log) = _node(), lab
    nb, shot = f'nbs/{name}.ipynb', tmp_path / f'browser-{name}.png'
    widget = WIDGETS[name]   # the flag naming the variable that holds the notebook's last board in the kernel
    t = time.time()
    r = subprocess.run([node, str(BROWSER / 'run_notebook.mjs'), url, nb, str(shot), widget],
                       capture_output=True, text=True, timeout=900)
    print(r.stdout[-5000:], r.stderr[-5000:], f'browser run: {time.time() - t:.0f} s', sep='\n')
    arts = Path(os.environ.get('TTT_ARTIFACTS') or ROOT / 'runs' / 'ci-artifacts')
    arts.mkdir(parents=True, exist_ok=True)
    for f, dest in [(server_log, 'browser-jupyter.log')] + [(f, f.name) for f in tmp_path.glob(f'browser-{name}*.png')]:
        if f.exists(): shutil.copy(f, arts / dest)  # also after a failure: the script screenshots the page as it was
    assert r.returncode == 0, f'run_notebook.mjs failed on {nb}:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}'

    cells = [c for c in json.loads((root / nb).read_text())['cells'] if c['cell_type'] == 'code']
    assert cells
    for c in cells:
        src = ''.join(c['source']).splitlines()[:1]
        assert c['execution_count'] is not None, f'{nb} saved: a code cell did not run: {src}'
        errs = [f"{o['ename']}: {o['evalue']}" for o in c['outputs'] if o['output_type'] == 'error']
        assert not errs, f'{nb} saved: {src} raised {errs}'
    shown = {k for c in cells for o in c['outputs'] for k in o.get('data', {})}
    assert set(DRAWN) <= shown, f'{nb} saved without {[DRAWN[k] for k in set(DRAWN) - shown]}: the front end it checks is no longer checked'
    shots = [shot.name] + [f'browser-{name}-{s}.png' for s in {'12_play': ('start', 'end', 'new-game', 'side-O'),
                                                             '05_rewards': ('explorer-moves', 'explorer-reset', 'explorer-finished')}[name]]
    for s in shots:
        png = (arts / s).read_bytes()
        assert png.startswith(b'\x89PNG\r\n\x1a\n') and len(png) > 1000, f'{s} is not a PNG'
