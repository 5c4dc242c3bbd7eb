"""Write README.md from nbs/index.ipynb without Quarto (nbdev_readme needs it).

Hidden cells (`#| hide`) are dropped and `#|` directive lines removed; markdown cells are kept as they are,
code cells become fenced Python with their saved outputs (markdown and HTML outputs inline, text as a block).
`--check` fails, without writing, when README.md differs from what the notebook gives."""
import json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def _src(cell): return ''.join(cell['source']) if isinstance(cell['source'], list) else cell['source']

def _directives(src): return [l.strip()[2:].strip() for l in src.splitlines() if l.strip().startswith('#|')]

def cell_md(cell):
    src = _src(cell)
    if cell['cell_type'] == 'markdown': return src.strip()
    if cell['cell_type'] != 'code': return ''
    dirs = _directives(src)
    if any(d.split()[0] in ('hide', 'exporti') for d in dirs if d) or 'include: false' in dirs: return ''
    code = '\n'.join(l for l in src.splitlines() if not l.strip().startswith('#|')).strip()
    parts = [] if any(d.startswith('echo: false') for d in dirs) or not code else [f'```python\n{code}\n```']
    for out in cell.get('outputs', []):
        data = out.get('data', {})
        if 'text/markdown' in data: parts.append(_src({'source': data['text/markdown']}).strip())
        elif 'text/html' in data and 'text/plain' not in data: parts.append(_src({'source': data['text/html']}).strip())
        elif out.get('output_type') == 'stream' or 'text/plain' in data:
            txt = _src({'source': out.get('text', data.get('text/plain', ''))}).rstrip()
            if txt: parts.append(f'```\n{txt}\n```')
    return '\n\n'.join(parts)

def readme_text(nb_path=ROOT / 'nbs' / 'index.ipynb'):
    nb = json.loads(Path(nb_path).read_text(encoding='utf-8'))
    body = '\n\n'.join(p for p in map(cell_md, nb['cells']) if p)
    return '<!-- WARNING: generated from nbs/index.ipynb by tools/make_readme.py; edit the notebook -->\n\n' + body + '\n'

if __name__ == '__main__':
    text, out = readme_text(), ROOT / 'README.md'
    if '--check' in sys.argv:
        if not out.exists() or out.read_text(encoding='utf-8') != text:
            sys.exit('README.md is out of date with nbs/index.ipynb: run `python tools/make_readme.py`')
        print('README.md is in sync with nbs/index.ipynb')
    else:
        tmp = out.with_suffix('.md.tmp'); tmp.write_text(text, encoding='utf-8'); tmp.replace(out)
        print(f'wrote {out}')
