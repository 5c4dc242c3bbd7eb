"""The docs pages without Quarto, as close to what Quarto publishes as CI needs to check them offline.

nbdev's `proc_nbs` writes the notebooks Quarto renders (`_proc/`): the first markdown cell becomes a raw frontmatter
cell, `show_doc` cells carry `#| echo: false` and `#| output: asis`, and `show_doc` writes Quarto's span syntax
(`[source](url){target="_blank" ...}`). Quarto reads all of that; nbconvert shows it as text. `QuartoStandIn` does
Quarto's part with nbconvert's own pieces: the frontmatter becomes the page's title and description, the cell options
become the tags of nbconvert's `TagRemovePreprocessor` (`include: false` drops the cell, `echo: false` its source,
`output: false` its outputs), an `asis` output is shown as the markdown it is, and span attributes are dropped. Plotly
writes a MathJax loader from a CDN into each figure's HTML; no figure writes LaTeX, so it goes too.

The page template (`docs_template/offline`, nbconvert's `lab` template) loads nothing from a CDN: no require.js (plotly's
notebook output inlines plotly.js, and a page without require.js gets `window.Plotly`), no MathJax (no page writes maths:
test_zy_docs.py checks), and the widget manager is `@jupyter-widgets/html-manager`'s standalone `embed.js`, pinned in
tools/browser/package.json and copied beside the pages (`vendor_widget_manager`). A page keeps the saved state of its own
widgets only. Not a test module: pytest collects only test_*.py."""
import html, json, re, shutil
from pathlib import Path
import yaml
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from nbformat import from_dict

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = Path(__file__).resolve().parent / 'docs_template'
HTML_MANAGER = ROOT / 'tools' / 'browser' / 'node_modules' / '@jupyter-widgets' / 'html-manager'
WIDGET_JS = '_static/html-manager/embed.js'   # relative to the pages
WIDGET_STATE = 'application/vnd.jupyter.widget-state+json'
TAGS = dict(remove_cell_tags={'quarto-include-false'}, remove_input_tags={'quarto-echo-false'},
            remove_all_outputs_tags={'quarto-output-false'})

_OPTION = re.compile(r'^#\|\s?(.*)$')
_LINK_ATTRS = re.compile(r'(\[[^\]\n]*\]\([^)\s]*\))\{[^{}\n]*\}')   # [text](url){target="_blank" ...}
_SPAN = re.compile(r'\[([^\]\n]*)\]\{[^{}\n]*\}')                      # [text]{.class}
_DIV = re.compile(r'^:::+.*$\n?', re.M)                                  # ::: {.callout-note} ... :::
_MODEL_REF = re.compile(r'IPY_MODEL_([0-9a-f]+)')
_CDN_MATHJAX = re.compile(r'<script src="https://cdnjs\.cloudflare\.com/ajax/libs/mathjax/[^"]*"></script>')   # plotly's, in each figure's HTML

def cell_options(source:str)->tuple:
    "Quarto's cell options (`#| key: value` lines at the top of a cell) as a dict, and the source without them."
    lines, opts = source.splitlines(), []
    while lines and _OPTION.match(lines[0]): opts.append(_OPTION.match(lines.pop(0))[1])
    parsed = yaml.safe_load('\n'.join(o for o in opts if ':' in o)) if opts else None
    return (parsed if isinstance(parsed, dict) else {}), '\n'.join(lines)

def strip_attrs(md:str)->str:
    "Markdown without Quarto's attribute syntax: link and span attributes, and fenced div lines."
    return _DIV.sub('', _SPAN.sub(r'\1', _LINK_ATTRS.sub(r'\1', md)))

def frontmatter(source:str)->dict|None:
    "The YAML of a raw `---` frontmatter cell, or None."
    m = re.fullmatch(r'\s*---\s*\n(.*?)\n---\s*', source, re.S)
    d = m and yaml.safe_load(m[1])
    return d if isinstance(d, dict) else None

def widget_closure(state:dict, ids)->dict:
    "The saved widget models `ids` refer to, and every model those refer to (`IPY_MODEL_...`), from `state`."
    todo, keep = list(ids), {}
    while todo:
        i = todo.pop()
        if i in keep or i not in state: continue
        keep[i] = state[i]
        todo += _MODEL_REF.findall(json.dumps(state[i]))
    return keep

def _no_cdn(out):
    "An output without the MathJax loader plotly writes into each figure's HTML: no figure here writes LaTeX, and a page offline fetches nothing."
    html = out.get('data', {}).get('text/html')
    if html is not None: out['data']['text/html'] = _CDN_MATHJAX.sub('', ''.join(html))
    return out

def _asis(out):
    "An `output: asis` output as Quarto shows it: its markdown, rendered (not its plain-text repr)."
    data = out.get('data', {})
    if 'text/markdown' in data: out['data'] = {'text/markdown': strip_attrs(''.join(data['text/markdown']))}
    return out

class QuartoStandIn(Preprocessor):
    "What Quarto does to nbdev's `_proc` notebooks that nbconvert would not: frontmatter, cell options, attribute syntax, page-own widget state."
    def preprocess(self, nb, resources):
        cells = []
        for cell in nb.cells:
            if cell.cell_type == 'raw' and (fm := frontmatter(cell.source)) is not None:
                nb.metadata['title'], nb.metadata['description'] = str(fm.get('title', '')), str(fm.get('description', ''))
                desc = re.sub(r'`([^`]+)`', r'<code>\1</code>', html.escape(nb.metadata['description']))   # Quarto renders its code spans
                head = f"# {nb.metadata['title']}" + (f'\n\n<p class="description">{desc}</p>' if desc else '')
                cells.append(from_dict(dict(cell_type='markdown', metadata={}, source=head, id=cell.get('id', 'frontmatter')))); continue
            if cell.cell_type == 'markdown': cell.source = strip_attrs(cell.source)
            if cell.cell_type == 'code':
                opts, cell.source = cell_options(cell.source)
                tags = cell.metadata.setdefault('tags', [])
                if str(opts.get('include', '')).lower() == 'false': tags.append('quarto-include-false')
                if str(opts.get('echo', '')).lower() == 'false': tags.append('quarto-echo-false')
                out = str(opts.get('output', '')).lower()
                if out == 'false': tags.append('quarto-output-false')
                cell.outputs = [_asis(o) if out == 'asis' else _no_cdn(o) for o in cell.get('outputs', [])]
            cells.append(cell)
        nb.cells = cells
        nb, resources = TagRemovePreprocessor(**TAGS).preprocess(nb, resources)
        self._own_widgets(nb)
        return nb, resources

    def _own_widgets(self, nb):
        "Keep only the saved widget state this page's views need (nbdev merges every widget its process made into each notebook)."
        saved = nb.metadata.get('widgets', {}).get(WIDGET_STATE)
        views = [o['data']['application/vnd.jupyter.widget-view+json']['model_id'] for c in nb.cells for o in c.get('outputs', [])
                 if 'application/vnd.jupyter.widget-view+json' in o.get('data', {})]
        if not saved or not views: nb.metadata.pop('widgets', None); return
        nb.metadata['widgets'] = {WIDGET_STATE: {**saved, 'state': widget_closure(saved['state'], views)}}

def exporter()->HTMLExporter:
    "nbconvert's HTML exporter with the offline page template and `QuartoStandIn`."
    e = HTMLExporter(template_name='offline', extra_template_basedirs=[str(TEMPLATES)], widget_renderer_url=WIDGET_JS,
                     exclude_input_prompt=True, exclude_output_prompt=True)   # Quarto shows no In/Out prompts
    e.register_preprocessor(QuartoStandIn(), enabled=True)
    return e

def vendor_widget_manager(site:Path)->Path:
    "Copy html-manager's standalone bundle and its fonts (not the source maps) to `site`/_static: the pages load it from there."
    dest = site / Path(WIDGET_JS).parent
    src = HTML_MANAGER / 'dist'
    if not (src / 'embed.js').exists():
        raise FileNotFoundError(f'{src / "embed.js"} is missing: npm ci --prefix tools/browser')
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns('*.map', 'embed-amd.js', 'libembed-amd.js'))
    return dest / 'embed.js'
