// Check that the plotly figures of rendered doc pages (tests/test_zy_docs.py) really draw in a browser, offline.
//
// usage: node check_pages.mjs <page.html>=<expected figures> ...
//
// Each page is opened from file:// in headless Chromium with every request that is not file: (nor data:/blob:,
// which fetch nothing) aborted, so plotly.js must come from the page itself, not a CDN. The check waits until
// <expected> figures are drawn (a `.js-plotly-plot` holding plotly's `svg.main-svg` and, when the figure has data,
// drawn traces), and screenshots the first one to <stem>-plot.png next to the page.
// Page errors from plotly code (thrown by a script of the page that holds plotly.js or a Plotly call, or naming
// plotly) fail the check; others (the lab template's require.js / MathJax / widget loaders, whose CDN requests are
// aborted) are only reported.
// Env: PLOT_TIMEOUT_MS (default 30000) per page, CHROMIUM (default /usr/bin/chromium).
// Prints `<page>: N figures drawn` per page; exits 1 with lines starting "FAIL:" if any page fails, 2 on bad usage.
import { launchChromium } from './chromium.mjs';
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const TIMEOUT = Number(process.env.PLOT_TIMEOUT_MS || 30_000);
const specs = process.argv.slice(2).map(a => {
  const i = a.lastIndexOf('=');
  const [file, n] = i > 0 ? [a.slice(0, i), Number(a.slice(i + 1))] : [a, NaN];
  return { file: resolve(file), want: n };
});
if (!specs.length || specs.some(s => !Number.isInteger(s.want) || s.want < 1)) {
  console.error('usage: node check_pages.mjs <page.html>=<expected figures, >= 1> ...'); process.exit(2);
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
function isPlotlyError(err, file, ranges) {
  if (/plotly/i.test(`${err.name}: ${err.message}`)) return true;
  const url = pathToFileURL(file).href;
  for (const [, u, l] of (err.stack || '').matchAll(/\(?(\S+?):(\d+):\d+\)?$/gm))
    if (u === url && ranges.some(([a, b]) => +l >= a && +l <= b)) return true;
  return false;
}

// A figure counts as drawn once plotly has laid it out (gd._fullLayout), built its SVG, and drawn its traces.
const drawnFigures = () => [...document.querySelectorAll('.js-plotly-plot')].filter(gd =>
  gd._fullLayout && gd.querySelector('svg.main-svg') && gd.getBoundingClientRect().height > 0 &&
  (!(gd.data || []).length || gd.querySelector('.trace, .hm, .contour, .pielayer .slice, .imagelayer image'))).length;

const browser = await launchChromium();
const failures = [];
try {
  for (const { file, want } of specs) {
    const t0 = Date.now(), name = basename(file), errors = [], blocked = new Set();
    const shot = join(dirname(file), basename(file).replace(/\.html?$/, '') + '-plot.png');
    const fail = msg => { failures.push(`${name}: ${msg}`); console.log(`FAIL: ${name}: ${msg}`); };
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.route('**/*', r => {
      const u = r.request().url();
      if (/^(file|data|blob):/.test(u)) return r.continue();
      blocked.add(u.split('?')[0]); return r.abort();
    });
    page.on('pageerror', e => errors.push(e));
    await page.addInitScript(`window.__drawnFigures = ${drawnFigures};`);
    try {
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: TIMEOUT });
      const ok = await page.waitForFunction(n => window.__drawnFigures() >= n, want, { timeout: TIMEOUT })
        .then(() => true, () => false);
      const info = await page.evaluate(() => ({
        drawn: window.__drawnFigures(), divs: document.querySelectorAll('.plotly-graph-div').length,
        version: window.Plotly?.version ?? null,
        traces: [...document.querySelectorAll('.js-plotly-plot')].map(gd => {  // e.g. '3 bar' or '1 heatmap+2 scatter'
          const n = {}; for (const d of gd.data || []) n[d.type || 'scatter'] = (n[d.type || 'scatter'] || 0) + 1;
          return Object.entries(n).map(([t, k]) => `${k} ${t}`).join('+') || 'no data';
        }),
      }));
      const ranges = plotlyLines(file), mine = errors.filter(e => isPlotlyError(e, file, ranges));
      for (const e of errors.filter(e => !mine.includes(e))) console.log(`  (${name}: ignored page error, not plotly's: ${e.message.split('\n')[0]})`);
      if (blocked.size) console.log(`  (${name}: blocked ${blocked.size} non-file request(s): ${[...blocked].join(', ')})`);
      if (info.drawn) await page.locator('.js-plotly-plot').first().screenshot({ path: shot, timeout: TIMEOUT });
      console.log(`${name}: ${info.drawn} figures drawn (expected ${want}; plotly.js ${info.version ?? 'missing'}; ` +
                  `traces ${info.traces.join(', ') || 'none'}) in ${((Date.now() - t0) / 1000).toFixed(1)}s` +
                  (info.drawn ? `; screenshot ${basename(shot)}` : ''));
      if (!info.version) fail('window.Plotly is not defined: plotly.js did not load from the page itself');
      if (!ok) fail(`${info.drawn} of ${want} figures drawn after ${TIMEOUT / 1000}s (${info.divs} plotly divs on the page)`);
      for (const e of mine) fail(`plotly page error: ${(e.stack || e.message).split('\n').slice(0, 4).join(' | ')}`);
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
