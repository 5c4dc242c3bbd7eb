// Check rendered doc pages (tests/test_zy_docs.py) in a browser, offline, as a reader sees them.
//
// usage: node check_pages.mjs <specs.json>
//   specs.json: [{"file": "<page.html>", "title": "<the notebook's title>", "figures": N, "widgets": N, "board": bool,
//                 "shots": ["page", "plot", "widget"]}, ...]
//
// Each page is opened from file:// in headless Chromium with every request that is not file: (nor data:/blob:,
// which fetch nothing) aborted: a page that asks for anything else fails, so plotly.js, the widget manager and
// their fonts must come from the site itself. On each page the check waits until
//  - `figures` plotly figures are drawn (a `.js-plotly-plot` holding plotly's `svg.main-svg` and, when the figure
//    has data, drawn traces);
//  - `widgets` widget views are drawn from the page's saved widget state (html-manager's `.widget-subarea` holding a
//    view with a size), and with `board`, that the nine buttons of a board (`.ttt-board`) are visible;
// and then checks the text a reader sees: the page title is `title` (the tab's and the first heading's), and no line
// is a cell directive (`#| echo: false`), frontmatter (`---`, `title: ...`), a text progress bar (`16%|#5 `) or
// Quarto's attribute syntax (`{target="_blank"`).
// Screenshots, next to the page: "page" the first screen (<stem>-page.png), "plot" the first figure (<stem>-plot.png),
// "widget" the first widget view (<stem>-widget.png).
// Page errors from plotly code (thrown by a script of the page that holds plotly.js or a Plotly call, or naming
// plotly) or from the widget manager (thrown by embed.js) fail the check; others are reported.
// Env: PLOT_TIMEOUT_MS (default 30000) per page, CHROMIUM (default /usr/bin/chromium).
// Prints `<page>: N figures drawn, M widgets drawn ...` per page; exits 1 with lines starting "FAIL:" if any page
// fails, 2 on bad usage.
import { launchChromium } from './chromium.mjs';
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const TIMEOUT = Number(process.env.PLOT_TIMEOUT_MS || 30_000);
let specs;
try {
  specs = JSON.parse(readFileSync(process.argv[2], 'utf8')).map(s => ({ figures: 0, widgets: 0, board: false, shots: [], ...s, file: resolve(s.file) }));
  if (!specs.length || specs.some(s => !s.file || typeof s.title !== 'string' || !(Number.isInteger(s.figures) && s.figures >= 0) ||
                                       !(Number.isInteger(s.widgets) && s.widgets >= 0))) throw new Error('bad spec');
} catch (e) {
  console.error(`usage: node check_pages.mjs <specs.json> (a list of {file, title, figures, widgets, board, shots}): ${e.message}`);
  process.exit(2);
}

// Line ranges (1-based, in the HTML file) of the inline scripts that are plotly's: stack frames of inline scripts
// point at the page's own lines, so an error is plotly's when a frame falls in one of them.
function plotlyLines(file) {
  const html = readFileSync(file, 'utf8'), ranges = [];
  const line = pos => html.slice(0, pos).split('\n').length;
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g))
    if (/plotly\.js v|Plotly\./.test(m[1])) ranges.push([line(m.index), line(m.index + m[0].length)]);
  return ranges;
}
function isOurError(err, file, ranges) {
  if (/plotly/i.test(`${err.name}: ${err.message}`) || /html-manager\/embed\.js/.test(err.stack || '')) return true;
  const url = pathToFileURL(file).href;
  for (const [, u, l] of (err.stack || '').matchAll(/\(?(\S+?):(\d+):\d+\)?$/gm))
    if (u === url && ranges.some(([a, b]) => +l >= a && +l <= b)) return true;
  return false;
}

// A figure counts as drawn once plotly has laid it out (gd._fullLayout), built its SVG, and drawn its traces.
const drawnFigures = () => [...document.querySelectorAll('.js-plotly-plot')].filter(gd =>
  gd._fullLayout && gd.querySelector('svg.main-svg') && gd.getBoundingClientRect().height > 0 &&
  (!(gd.data || []).length || gd.querySelector('.trace, .hm, .contour, .pielayer .slice, .imagelayer image'))).length;
// A widget view counts as drawn once html-manager has put a view with a size into its subarea.
const drawnWidgets = () => [...document.querySelectorAll('.widget-subarea')].filter(a =>
  [...a.children].some(v => v.getBoundingClientRect().height > 0 && v.getBoundingClientRect().width > 0)).length;
// The visible buttons of the first board.
const boardButtons = () => {
  const b = document.querySelector('.ttt-board');
  return b ? [...b.querySelectorAll('button')].filter(x => { const r = x.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length : 0;
};
// What a reader must never see as text: a cell directive, frontmatter, a text progress bar, Quarto's attribute syntax.
const BAD_TEXT = [[/^\s*#\|.*$/m, 'a cell directive'], [/^\s*---\s*$/m, 'a frontmatter rule'],
                  [/^\s*(title|description|output-file):\s.*$/m, 'a frontmatter line'], [/\d{1,3}%\|.*$/m, 'a text progress bar'],
                  [/\{target="_blank".*$/m, "Quarto's attribute syntax"]];

const browser = await launchChromium();
const failures = [];
try {
  for (const { file, title, figures, widgets, board, shots } of specs) {
    const t0 = Date.now(), name = basename(file), stem = name.replace(/\.html?$/, ''), errors = [], blocked = new Set();
    const shot = kind => join(dirname(file), `${stem}-${kind}.png`);
    const fail = msg => { failures.push(`${name}: ${msg}`); console.log(`FAIL: ${name}: ${msg}`); };
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.route('**/*', r => {
      const u = r.request().url();
      if (/^(file|data|blob):/.test(u)) return r.continue();
      blocked.add(u.split('?')[0]); return r.abort();
    });
    page.on('pageerror', e => errors.push(e));
    await page.addInitScript(`window.__drawnFigures = ${drawnFigures}; window.__drawnWidgets = ${drawnWidgets}; window.__boardButtons = ${boardButtons};`);
    try {
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: TIMEOUT });
      const ok = await page.waitForFunction(([f, w, b]) => window.__drawnFigures() >= f && window.__drawnWidgets() >= w &&
                                            (!b || window.__boardButtons() >= 9), [figures, widgets, board], { timeout: TIMEOUT })
        .then(() => true, () => false);
      const info = await page.evaluate(() => ({
        drawn: window.__drawnFigures(), views: window.__drawnWidgets(), buttons: window.__boardButtons(),
        divs: document.querySelectorAll('.plotly-graph-div').length, version: window.Plotly?.version ?? null,
        title: document.title, h1: document.querySelector('h1')?.textContent.replace(/¶$/, '').trim() ?? null,
        text: document.body.innerText,
      }));
      const ranges = plotlyLines(file), mine = errors.filter(e => isOurError(e, file, ranges));
      for (const e of errors.filter(e => !mine.includes(e))) console.log(`  (${name}: page error, not plotly's nor the widget manager's: ${e.message.split('\n')[0]})`);
      if (shots.includes('page')) await page.screenshot({ path: shot('page') });
      if (shots.includes('plot') && info.drawn) await page.locator('.js-plotly-plot').first().screenshot({ path: shot('plot'), timeout: TIMEOUT });
      if (shots.includes('widget') && info.views) await page.locator('.widget-subarea').first().screenshot({ path: shot('widget'), timeout: TIMEOUT });
      console.log(`${name}: ${info.drawn} figures drawn (expected ${figures}; plotly.js ${info.version ?? 'none'}), ` +
                  `${info.views} widgets drawn (expected ${widgets}${board ? `; board buttons visible: ${info.buttons}` : ''}), ` +
                  `title ${JSON.stringify(info.title)} in ${((Date.now() - t0) / 1000).toFixed(1)}s` + (shots.length ? `; screenshots ${shots.join(', ')}` : ''));
      if (blocked.size) fail(`asked for ${blocked.size} thing(s) off file://: ${[...blocked].join(', ')}`);
      if (figures && !info.version) fail('window.Plotly is not defined: plotly.js did not load from the page itself');
      if (!ok) fail(`after ${TIMEOUT / 1000}s: ${info.drawn} of ${figures} figures drawn (${info.divs} plotly divs), ` +
                    `${info.views} of ${widgets} widgets` + (board ? `, ${info.buttons} of 9 board buttons visible` : ''));
      if (info.title !== title) fail(`page title ${JSON.stringify(info.title)}, not ${JSON.stringify(title)}`);
      if (info.h1 !== title) fail(`first heading ${JSON.stringify(info.h1)}, not ${JSON.stringify(title)}`);
      for (const [re, what] of BAD_TEXT) { const m = info.text.match(re); if (m) fail(`shows ${what} as text: ${JSON.stringify(m[0].slice(0, 120))}`); }
      for (const e of mine) fail(`page error: ${(e.stack || e.message).split('\n').slice(0, 4).join(' | ')}`);
    } catch (e) {
      fail(e.message.split('\n')[0]);
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
}
if (failures.length) { console.error(`FAIL: ${failures.length} problem(s):\n  ${failures.join('\n  ')}`); process.exit(1); }
console.log(`ok: ${specs.length} page(s)`);
