// Run a notebook in a live JupyterLab with headless Chromium, as a person would: open it, Run All, save.
// With --board it then clicks an empty cell of the tic-tac-toe board that ttt_nb.play.play_widget shows and
// checks that the board answers (your mark appears, then the opponent's reply) and that the opponent, a model that
// thinks, has its thought shown beside the board, naming the cell it played.
//
// usage: node run_notebook.mjs <lab url, with ?token=...> <notebook path under the server root> <screenshot.png> [--board]
//
// The server must run with --LabApp.expose_app_in_browser=True: commands and the kernel state are read through
// window.jupyterapp (steadier than menus and prompts, which JupyterLab 4 may not even render for cells out of view).
// Env: NB_RUN_TIMEOUT_MS (default 600000) for Run All, CHROMIUM (default /usr/bin/chromium).
// Exits 1 with a message starting "FAIL:" on any failure, after a screenshot of the page as it was.
import { launchChromium } from './chromium.mjs';

const args = process.argv.slice(2);
const board = args.includes('--board');
const [url, nbPath, shot] = args.filter(a => a !== '--board');
if (!shot) { console.error('usage: node run_notebook.mjs <lab url?token=...> <notebook> <screenshot.png> [--board]'); process.exit(2); }
const RUN_MS = Number(process.env.NB_RUN_TIMEOUT_MS || 600_000);
const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
class Failure extends Error {}
const check = (ok, msg) => { if (!ok) throw new Failure(msg); };

const base = new URL(url);
const nbUrl = new URL(`lab/tree/${nbPath.split('/').map(encodeURIComponent).join('/')}`, base);
nbUrl.search = base.search;  // the token
nbUrl.searchParams.set('reset', '');  // ignore any saved workspace layout

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.on('pageerror', e => log('page error:', e.message));
page.on('console', m => { if (m.type() === 'error') log('console error:', m.text()); });

const inPage = (fn, arg) => page.evaluate(fn, arg);  // runs fn in the page

try {
  log('opening', nbUrl.pathname);
  await page.goto(nbUrl.href);
  await page.waitForFunction(() => window.jupyterapp, null, { timeout: 120_000 })
    .catch(() => { throw new Failure('window.jupyterapp never appeared: start jupyter lab with --LabApp.expose_app_in_browser=True'); });
  await inPage(p => { window.__panel = () => [...window.jupyterapp.shell.widgets('main')].find(w => w.context?.path === p); }, nbPath);
  await page.waitForFunction(() => window.__panel()?.context.isReady, null, { timeout: 120_000 })
    .catch(() => { throw new Failure(`notebook ${nbPath} did not open`); });
  await page.waitForFunction(() => window.__panel().sessionContext.session?.kernel?.status === 'idle', null, { timeout: 120_000 })
    .catch(() => { throw new Failure('the kernel did not start (or never became idle)'); });
  log('kernel idle; Run All');

  await inPage(() => window.jupyterapp.shell.activateById(window.__panel().id));
  const ran = inPage(() => window.jupyterapp.commands.execute('notebook:run-all-cells'));
  let timer;
  await Promise.race([ran, new Promise((_, no) => { timer = setTimeout(() => no(new Failure(`Run All still going after ${RUN_MS / 1000}s`)), RUN_MS); })])
    .finally(() => clearTimeout(timer));
  // runAll resolves when its cells are done; also wait for the kernel to go idle (a cell's late output, widgets).
  await page.waitForFunction(() => window.__panel().sessionContext.session?.kernel?.status === 'idle', null, { timeout: 60_000 });
  const cells = await inPage(() => window.__panel().content.widgets.filter(c => c.model.type === 'code').map((c, i) => ({
    i, count: c.model.executionCount, src: c.model.sharedModel.getSource().split('\n')[0],
    errors: c.model.outputs.toJSON().filter(o => o.output_type === 'error').map(o => `${o.ename}: ${o.evalue}`) })));
  const bad = cells.filter(c => c.count == null || c.errors.length);
  for (const c of bad) log(`code cell ${c.i} (${c.src}): ${c.errors.join('; ') || 'not executed'}`);
  log(`ran ${cells.length - bad.length} of ${cells.length} code cells`);

  await inPage(() => window.jupyterapp.commands.execute('docmanager:save'));
  await page.waitForFunction(() => !window.__panel().context.model.dirty, null, { timeout: 60_000 })
    .catch(() => { throw new Failure('the notebook was not saved'); });
  log('saved');
  check(!bad.length, `${bad.length} code cell(s) failed or did not run (listed above)`);

  if (board) {
    // play_widget: a GridBox of 9 Buttons whose labels are the marks; the last one in the notebook is the live game.
    const grid = page.locator('.widget-gridbox').filter({ has: page.locator('button') }).last();
    await grid.waitFor({ state: 'attached', timeout: 60_000 }).catch(() => { throw new Failure('no board widget (.widget-gridbox) rendered'); });
    await grid.scrollIntoViewIfNeeded();
    const buttons = grid.locator('button');
    check(await buttons.count() === 9, `the board has ${await buttons.count()} buttons, not 9`);
    for (let i = 0; i < 9; i++) await buttons.nth(i).waitFor({ state: 'visible', timeout: 30_000 });
    const labels = async () => (await buttons.allInnerTexts()).map(s => s.trim());
    const before = await labels();
    const n = m => before.filter(s => s === m).length;
    const mine = n('X') > n('O') ? 'O' : 'X';  // X moves first
    const cell = (await Promise.all(before.map(async (s, i) => s === '' && await buttons.nth(i).isEnabled() ? i : -1))).find(i => i >= 0);
    check(cell !== undefined, `no empty cell to click on the board: ${JSON.stringify(before)}`);
    log(`board ${JSON.stringify(before)}; playing ${mine} in cell ${cell}`);
    await buttons.nth(cell).click();
    const marks = b => b.filter(s => s).length;
    await page.waitForFunction(([c, m, k]) => {  // the click goes to the kernel and back: our mark, then the reply
      const b = [...document.querySelectorAll('.widget-gridbox')].filter(g => g.querySelector('button')).at(-1);
      const t = [...b.querySelectorAll('button')].map(x => x.innerText.trim());
      return t[c] === m && t.filter(s => s).length >= k;
    }, [cell, mine, marks(before) + 2], { timeout: 60_000 })
      .catch(async () => { throw new Failure(`the board did not answer the click: ${JSON.stringify(await labels())}`); });
    const after = await labels();
    log(`board answered: ${JSON.stringify(after)}`);
    // the thought of the model's reply (play_widget's .ttt-thought label in the same game) names the cell it played
    const reply = after.findIndex((s, i) => s && !before[i] && i !== cell);
    const name = `${Math.floor(reply / 3)}-${reply % 3}`;
    const thought = grid.locator('xpath=ancestor::div[contains(@class,"widget-hbox")][1]').locator('.ttt-thought');
    let said = '';
    for (const until = Date.now() + 30_000; Date.now() < until; await page.waitForTimeout(250)) {
      said = (await thought.innerText({ timeout: 1_000 }).catch(() => '')).trim();
      if (said.includes('thinks:') && said.includes(name)) break;
    }
    check(said.includes('thinks:') && said.includes(name), `no thought naming the reply ${name} beside the board: ${JSON.stringify(said)}`);
    log(`thought shown: ${said}`);
    // the whole output: board, status line and the opponent's probability heatmap
    await grid.locator('xpath=ancestor::div[contains(@class,"jp-OutputArea-output")][1]').screenshot({ path: shot });
  } else {
    await page.screenshot({ path: shot });
  }
  log(`ok: ${nbPath} in ${((Date.now() - t0) / 1000).toFixed(1)}s; screenshot ${shot}`);
  await browser.close();
} catch (e) {
  console.error(`FAIL: ${e instanceof Failure ? e.message : e.stack}`);
  await page.screenshot({ path: shot }).catch(() => {});
  await browser.close();
  process.exit(1);
}
