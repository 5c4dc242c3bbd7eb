"""Render the docs site's pages without Quarto and check them: nbdev's own processing (what `nbdev_proc_nbs`
writes to `_proc/`) applied to the executed notebooks from `test_notebooks.py`, then nbconvert to HTML.

Every page must render, carry no error output, and show its plots: plotly figures are inlined with plotly.js in
the page itself (no CDN is reachable from CI, nor needed by a reader offline), and headless Chromium, with every
request off file:// blocked, must draw them all (tools/browser/check_pages.mjs; skipped without Chromium and
playwright-core, failed then under $CI, as test_zz_browser.py). The pages, and a screenshot of each page's first
figure (`<page>-plot.png`), land in `runs/ci-artifacts/docs/` for a look in a browser (the GitHub workflow uploads them)."""
import os, re, shutil, subprocess, time
import pytest, yaml
from execnb.nbio import read_nb
from nbconvert import HTMLExporter
from nbdev.serve import proc_nbs
from browser_tools import BROWSER, node
from test_notebooks import ROOT, EXEC, NBS   # the notebooks that test leaves executed in EXEC

PROC, HTML = ROOT / '_proc', ROOT / 'runs' / 'ci-artifacts' / 'docs'
PLOTLY = 'application/vnd.plotly.v1+json'
WITH_PLOTS = {'04_datasets', '05_rewards', '07_logs', '08_sft', '09_dpo', '10_grpo', '11_evaluate', '12_play'}  # at least these

def test_the_site_renders_these_pages():
    "Quarto (the deploy workflow) renders only the pages listed in nbs/_quarto.yml: the ones checked here, in the sidebar."
    def pages(items): return [p for i in items for p in ([i] if isinstance(i, str) else pages(i['contents']))]
    render = yaml.safe_load((ROOT / 'nbs' / '_quarto.yml').read_text())['project']['render']
    sidebar = pages(yaml.safe_load((ROOT / 'nbs' / 'sidebar.yml').read_text())['website']['sidebar']['contents'])
    assert sorted(render) == sorted(sidebar) == sorted(p.name for p in NBS)

def n_plots(nb): return sum(PLOTLY in o.get('data', {}) for c in nb.cells for o in c.get('outputs', []))

@pytest.fixture(scope='module')
def pages():
    missing = [p.name for p in NBS if not (EXEC / p.name).exists()]
    if missing:
        msg = f'no executed copy of {missing}: run tests/test_notebooks.py first (the whole `pytest tests` does)'
        if os.environ.get('CI'): pytest.fail(msg)
        pytest.skip(msg)
    for f in (ROOT / 'nbs').iterdir():           # the site's other files (_quarto.yml, sidebar, styles, results)
        if f.suffix != '.ipynb' and not f.name.startswith('.'):
            (shutil.copytree if f.is_dir() else shutil.copy2)(f, EXEC / f.name, **({'dirs_exist_ok': True} if f.is_dir() else {}))
    shutil.rmtree(PROC, ignore_errors=True)
    proc_nbs(str(EXEC), n_workers=0)               # nbdev_proc_nbs without its Quarto install step
    shutil.rmtree(HTML, ignore_errors=True); HTML.mkdir(parents=True)
    exporter = HTMLExporter(template_name='lab')
    for p in NBS:
        body, _ = exporter.from_filename(str(PROC / p.name))
        (HTML / f'{p.stem}.html').write_text(body, encoding='utf-8')
    return {p.stem: (read_nb(PROC / p.name), (HTML / f'{p.stem}.html').read_text(encoding='utf-8')) for p in NBS}

def test_every_page_renders(pages):
    assert set(pages) == {p.stem for p in NBS}
    for name, (nb, html) in pages.items():
        errors = [o for c in nb.cells for o in c.get('outputs', []) if o.get('output_type') == 'error']
        assert not errors, f'{name}: error output {errors[0]}'
        assert 'Traceback (most recent call last)' not in html, f'{name}: a traceback on the page'
        title = next(c.source for c in read_nb(EXEC / f'{name}.ipynb').cells if c.cell_type == 'markdown')
        heading = re.match(r'#\s+(.+)', title).group(1).strip()
        assert heading in html, f'{name}: the page lacks its title {heading!r}'

def test_plots_are_on_the_pages(pages):
    with_plots = {name for name, (nb, _) in pages.items() if n_plots(nb)}
    assert WITH_PLOTS <= with_plots, f'pages that lost their plots: {WITH_PLOTS - with_plots}'
    for name in with_plots:
        nb, html = pages[name]
        assert html.count('Plotly.newPlot(') >= n_plots(nb), f'{name}: {n_plots(nb)} figures, fewer drawn'
        assert 'plotly.js v' in html, f'{name}: plotly.js is not inlined in the page'
        assert not re.search(r'<script[^>]+src="https://cdn\.plot\.ly', html), f'{name}: plotly.js from a CDN'

def test_plots_draw_in_a_browser(pages):
    exe = node()
    want = {name: n_plots(nb) for name, (nb, _) in pages.items() if n_plots(nb)}
    assert want, 'no page with plots'
    shots = [HTML / f'{name}-plot.png' for name in want]
    for f in shots: f.unlink(missing_ok=True)
    t = time.time()
    r = subprocess.run([exe, str(BROWSER / 'check_pages.mjs'), *(f'{HTML / name}.html={n}' for name, n in want.items())],
                       capture_output=True, text=True, timeout=60 + 45 * len(want))
    print(r.stdout[-5000:], r.stderr[-5000:], f'browser check of {len(want)} pages: {time.time() - t:.0f} s', sep='\n')
    assert r.returncode == 0, f'check_pages.mjs failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}'
    for name, n in want.items():
        m = re.search(rf'^{re.escape(name)}\.html: (\d+) figures drawn', r.stdout, re.M)
        assert m and int(m[1]) >= n, f'{name}: {m and m[1]} of {n} figures drawn'
    for f in shots:
        png = f.read_bytes() if f.exists() else b''
        assert png.startswith(b'\x89PNG\r\n\x1a\n') and len(png) > 1000, f'{f.name}: no screenshot of the first figure'
