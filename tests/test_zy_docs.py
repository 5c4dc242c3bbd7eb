"""Render the docs site's pages without Quarto and check them: nbdev's own processing (what `nbdev_proc_nbs`
writes to `_proc/`) applied to the executed notebooks from `test_notebooks.py`, then nbconvert to HTML with a stand-in
for what Quarto does to those notebooks (tests/docs_render.py: frontmatter, cell options, attribute syntax).

Every page must render, carry no error output, no text progress bar and no echoed training log, and keep the saved
state of every widget it shows. Plotly figures are inlined with plotly.js in the page itself, the widget manager is
served from the site (`_static/`, pinned in tools/browser/package.json), and headless Chromium, with every request
off file:// failing the page, must draw every figure and every widget (the play page's board with its buttons), show
each page under its notebook's title, and show no directive, frontmatter or progress text
(tools/browser/check_pages.mjs; skipped without Chromium and tools/browser/node_modules, failed then under $CI, as
test_zz_browser.py). The pages, a screenshot of each page's first figure (`<page>-plot.png`), of the play and SFT
pages' first screen (`<page>-page.png`) and of the play page's first widget (`12_play-widget.png`) land in
`runs/ci-artifacts/docs/` for a look in a browser (the GitHub workflow uploads them)."""
import json, os, re, shutil, subprocess, time
import pytest, yaml
from execnb.nbio import read_nb
from nbdev.serve import proc_nbs
from browser_tools import BROWSER, node
from docs_render import HTML_MANAGER, WIDGET_JS, WIDGET_STATE, exporter, vendor_widget_manager, widget_closure
from test_notebooks import ROOT, EXEC, NBS, widget_views   # the notebooks that test leaves executed in EXEC

PROC, HTML = ROOT / '_proc', ROOT / 'runs' / 'ci-artifacts' / 'docs'
PLOTLY = 'application/vnd.plotly.v1+json'
WITH_PLOTS = {'04_datasets', '05_rewards', '07_logs', '08_sft', '09_dpo', '10_grpo', '11_evaluate', '12_play'}  # at least these
WITH_WIDGETS = {'12_play'}   # at least these (its thinking board is not a slow cell)
SHOTS = {'12_play': ['page', 'widget'], '08_sft': ['page']}
# tqdm's text bar (`Tokenizing train dataset:  16%|#5  | 731/4520 [...]`) and TrainingLog's echoed blocks
PROGRESS, LOG_ECHO = re.compile(r'\d{1,3}%\|'), re.compile(r'^(Step \d+|Summary \(step \d+\)): \{', re.M)
SHOWS_A_LOG = {'07_logs'}   # prints one log file it wrote, on purpose: the page that explains the format

def test_the_site_renders_these_pages():
    "Quarto (the deploy workflow) renders only the pages listed in nbs/_quarto.yml: the ones checked here, in the sidebar."
    def pages(items): return [p for i in items for p in ([i] if isinstance(i, str) else pages(i['contents']))]
    render = yaml.safe_load((ROOT / 'nbs' / '_quarto.yml').read_text())['project']['render']
    sidebar = pages(yaml.safe_load((ROOT / 'nbs' / 'sidebar.yml').read_text())['website']['sidebar']['contents'])
    assert sorted(render) == sorted(sidebar) == sorted(p.name for p in NBS)

def test_no_page_needs_maths():
    "The offline pages load no MathJax: no markdown cell writes TeX maths (outside code)."
    for p in NBS:
        for c in read_nb(p).cells:
            text = re.sub(r'```.*?```|`[^`\n]*`', '', c.source, flags=re.S) if c.cell_type == 'markdown' else ''
            assert not re.search(r'\$\$|\$[^\s$][^$\n]*[^\s$]\$|\\\(|\\\[', text), f'{p.name}: maths in {c.source[:80]!r}: the pages need MathJax'

def test_quarto_stand_in():
    "The stand-in does Quarto's part on a made-up `_proc` notebook: title, description, options honoured, attributes dropped, own widgets only."
    from nbformat.v4 import new_notebook, new_raw_cell, new_code_cell, new_markdown_cell, new_output
    view = lambda i: new_output('display_data', {'application/vnd.jupyter.widget-view+json': {'model_id': i, 'version_major': 2, 'version_minor': 0}})
    model = lambda *refs: {'model_name': 'BoxModel', 'model_module': '@jupyter-widgets/controls', 'model_module_version': '2.0.0',
                           'state': {'children': [f'IPY_MODEL_{r}' for r in refs]}}
    nb = new_notebook(cells=[
        new_raw_cell('---\ndescription: Play against a `model`\noutput-file: play.html\ntitle: Play\n---'),
        new_code_cell('#| echo: false\n#| output: asis\nshow_doc(f)', outputs=[new_output('display_data', {
            'text/plain': '<BasicMarkdownRenderer>', 'text/markdown': '[source](https://x.org/a.py#L1){target="_blank" style="float:right"}\n\n### f_shown'})]),
        new_code_cell('#| include: false\nhidden_cell()'),
        new_code_cell('#| output: false\nquiet_cell()', outputs=[new_output('stream', name='stdout', text='not_shown_output')]),
        new_code_cell('#| code-fold: show\n#| code-summary: "Exported source"\ndef g(): pass', outputs=[new_output('display_data', {'text/html':
            '<div><script src="https://cdnjs.cloudflare.com/ajax/libs/mathjax/3.2.2/es5/tex-svg.min.js"></script>figure_here</div>'})]),
        new_markdown_cell('A [span]{.mark} and a [link](https://x.org){target="_blank"}.\n\n::: {.callout-note}\nnoted\n:::'),
        new_code_cell('board', outputs=[view('aa')])],
        metadata={'widgets': {WIDGET_STATE: {'version_major': 2, 'version_minor': 0,
                                             'state': {'aa': model('bb'), 'bb': model(), 'cc': model('aa')}}}})
    html, _ = exporter().from_notebook_node(nb)
    assert '<title>Play</title>' in html and re.search(r'<h1[^>]*>Play', html) and 'Play against a <code>model</code></p>' in html
    assert 'f_shown' in html and 'show_doc(f)' not in html and 'BasicMarkdownRenderer' not in html   # echo: false, output: asis
    assert 'hidden_cell' not in html and 'quiet_cell' in html and 'not_shown_output' not in html      # include: false, output: false
    assert '<span class="nf">g</span>' in html and '#|' not in html and 'code-fold' not in html                  # shown, options gone
    assert 'output-file' not in html and 'description: Play' not in html                                         # no frontmatter text
    assert '{target=' not in html and '{.mark}' not in html and ':::' not in html and 'noted' in html and 'href="https://x.org"' in html
    state = json.loads(re.search(rf'<script type="{re.escape(WIDGET_STATE)}">(.*?)</script>', html, re.S)[1])['state']
    assert set(state) == {'aa', 'bb'} and WIDGET_JS in html     # the page's widget and what it holds, not 'cc'
    assert 'figure_here' in html and not re.search(r'<script[^>]+src="(https?:)?//', html)          # plotly's MathJax loader gone

def n_plots(nb): return sum(PLOTLY in o.get('data', {}) for c in nb.cells for o in c.get('outputs', []))
def title_of(name):
    "The notebook's title: the heading of its first markdown cell."
    return re.match(r'#\s+(.+)', next(c.source for c in read_nb(EXEC / f'{name}.ipynb').cells if c.cell_type == 'markdown')).group(1).strip()

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
    e = exporter()
    for p in NBS:
        body, _ = e.from_filename(str(PROC / p.name))
        (HTML / f'{p.stem}.html').write_text(body, encoding='utf-8')
    if (HTML_MANAGER / 'dist' / 'embed.js').exists(): vendor_widget_manager(HTML)
    return {p.stem: (read_nb(PROC / p.name), (HTML / f'{p.stem}.html').read_text(encoding='utf-8')) for p in NBS}

def test_every_page_renders(pages):
    assert set(pages) == {p.stem for p in NBS}
    for name, (nb, html) in pages.items():
        errors = [o for c in nb.cells for o in c.get('outputs', []) if o.get('output_type') == 'error']
        assert not errors, f'{name}: error output {errors[0]}'
        assert 'Traceback (most recent call last)' not in html, f'{name}: a traceback on the page'
        assert f'<title>{title_of(name)}</title>' in html, f'{name}: the page is not titled {title_of(name)!r}'
        assert not re.search(r'<script[^>]+src="(https?:)?//', html), f'{name}: a script from another site'

def out_text(o)->str:
    "What an output prints: a stream (tqdm's text bars go to stderr), or the plain text of its data (not HTML, which holds scripts)."
    if o.get('output_type') == 'stream': return ''.join(o.get('text', ''))
    return ''.join(o.get('data', {}).get('text/plain', ''))

def test_no_progress_text(pages):
    "No page shows a text progress bar (one line per update) or the training log echoed block by block: a notebook plots it (`log_details` folds the file away)."
    for name, (nb, _) in pages.items():
        for c in nb.cells:
            for o in c.get('outputs', []):
                t = out_text(o)
                assert not PROGRESS.search(t), f'{name}: a text progress bar in an output: {PROGRESS.search(t).string[:200]!r}'
                assert name in SHOWS_A_LOG or not LOG_ECHO.search(t), f'{name}: the training log echoed in an output: {t[:200]!r}'

def test_every_widget_view_has_saved_state(pages):
    "Each widget a page shows is in its saved state, with every widget it refers to; a page keeps no other widget's state."
    shown = {name for name, (nb, _) in pages.items() if widget_views(nb)}
    assert WITH_WIDGETS <= shown, f'pages that lost their widgets: {WITH_WIDGETS - shown}'
    for name in shown:
        nb, html = pages[name]
        state = nb.metadata.get('widgets', {}).get(WIDGET_STATE, {}).get('state', {})
        assert state, f'{name}: widgets shown, no saved state'
        views = widget_views(nb)
        assert set(views) <= set(state), f'{name}: views without saved state: {set(views) - set(state)}'
        refs = {r for s in state.values() for r in re.findall(r'IPY_MODEL_([0-9a-f]+)', json.dumps(s))}
        assert refs <= set(state), f'{name}: saved widgets refer to {len(refs - set(state))} unsaved ones'
        page = json.loads(re.search(rf'<script type="{re.escape(WIDGET_STATE)}">(.*?)</script>', html, re.S)[1])
        assert set(page['state']) == set(widget_closure(state, views)), f'{name}: the page holds other widgets than its own'
        assert WIDGET_JS in html, f'{name}: the page does not load the widget manager from the site'

def test_plots_are_on_the_pages(pages):
    with_plots = {name for name, (nb, _) in pages.items() if n_plots(nb)}
    assert WITH_PLOTS <= with_plots, f'pages that lost their plots: {WITH_PLOTS - with_plots}'
    for name in with_plots:
        nb, html = pages[name]
        assert html.count('Plotly.newPlot(') >= n_plots(nb), f'{name}: {n_plots(nb)} figures, fewer drawn'
        assert 'plotly.js v' in html, f'{name}: plotly.js is not inlined in the page'

def shown_state(nb)->dict:
    "The saved state of the widgets the page shows (its views and the models they refer to): the notebook's metadata holds every widget its test process made, shown or not."
    return widget_closure(nb.metadata.get('widgets', {}).get(WIDGET_STATE, {}).get('state', {}), widget_views(nb))

def test_pages_draw_in_a_browser(pages):
    exe = node()
    if not (HTML_MANAGER / 'dist' / 'embed.js').exists():
        (pytest.fail if os.environ.get('CI') else pytest.skip)(f'{HTML_MANAGER} is missing: npm ci --prefix tools/browser')
    specs = [dict(file=str(HTML / f'{name}.html'), title=title_of(name), figures=n_plots(nb), widgets=len(widget_views(nb)),
                  board='ttt-board' in json.dumps(shown_state(nb)), shots=SHOTS.get(name, []) + (['plot'] if n_plots(nb) else []))
             for name, (nb, html) in pages.items()]
    shots = [HTML / f"{s['file'].rsplit('/', 1)[1][:-5]}-{k}.png" for s in specs for k in s['shots']]
    for f in shots: f.unlink(missing_ok=True)
    (HTML.parent / 'docs-pages.json').write_text(json.dumps(specs, indent=1))
    t = time.time()
    r = subprocess.run([exe, str(BROWSER / 'check_pages.mjs'), str(HTML.parent / 'docs-pages.json')],
                       capture_output=True, text=True, timeout=60 + 20 * len(specs))
    print(r.stdout[-8000:], r.stderr[-5000:], f'browser check of {len(specs)} pages: {time.time() - t:.0f} s', sep='\n')
    assert r.returncode == 0, f'check_pages.mjs failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}'
    for s in specs:
        page = s['file'].rsplit('/', 1)[1]
        m = re.search(rf'^{re.escape(page)}: (\d+) figures drawn .*?, (\d+) widgets drawn', r.stdout, re.M)
        assert m and int(m[1]) >= s['figures'] and int(m[2]) >= s['widgets'], f"{page}: {m and m.groups()} of {s['figures']} figures, {s['widgets']} widgets drawn"
    for f in shots:
        png = f.read_bytes() if f.exists() else b''
        assert png.startswith(b'\x89PNG\r\n\x1a\n') and len(png) > 1000, f'{f.name}: no screenshot'
