// Run a notebook in a live JupyterLab with headless Chromium, as a person would: open it, Run All, save.
// With --board=VAR it then plays the last tic-tac-toe board of the notebook (ttt_nb.play.play_widget, held in the
// kernel by VAR) by clicks: one click, checking that the board answers (your mark, then the opponent's reply) and
// that the opponent, a model that thinks, has its thought shown beside the board, naming the cell it played; then on
// to the end of the game, "new game", and "you play" switched to O. With --explorer=VAR it clicks two moves into the
// reward explorer (ttt_nb.rewards.reward_explorer, held by VAR), resets it and types a finished board. After every
// step the page's cells (the buttons' text in the DOM) must equal the board the kernel holds, and the figures beside
// the board must be the current ones (none after a new game where you move first, none on a finished board).
// Screenshots of each step go beside <screenshot.png> (<name>-end.png, <name>-new-game.png, ...).
//
// usage: node run_notebook.mjs <lab url, with ?token=...> <notebook path under the server root> <screenshot.png> [--board=VAR | --explorer=VAR]
//
// The server must run with --LabApp.expose_app_in_browser=True: commands and the kernel state are read through
// window.jupyterapp (steadier than menus and prompts, which JupyterLab 4 may not even render for cells out of view).
// Env: NB_RUN_TIMEOUT_MS (default 600000) for Run All, CHROMIUM (default /usr/bin/chromium).
// Exits 1 with a message starting "FAIL:" on any failure, after a screenshot of the page as it was.
import { launchChromium } from './chromium.mjs';

const args = process.argv.slice(2);
const flag = name => args.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const board = flag('board'), explorer = flag('explorer'), variable = board || explorer;
const [url, nbPath, shot] = args.filter(a => !a.startsWith('--'));
if (!shot) { console.error('usage: node run_notebook.mjs <lab url?token=...> <notebook> <screenshot.png> [--board=VAR | --explorer=VAR]'); process.exit(2); }
const shotAs = what => shot.replace(/\.png$/, `-${what}.png`);
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

// Python run in the notebook's kernel (not in a cell: nothing is saved): what it printed.
const kernelPrint = code => inPage(async code => {
  const f = window.__panel().sessionContext.session.kernel.requestExecute({ code, store_history: false });
  let text = '';
  f.onIOPub = m => { if (m.header.msg_type === 'stream') text += m.content.text; if (m.header.msg_type === 'error') text += `ERROR ${m.content.ename}: ${m.content.evalue}`; };
  await f.done;
  return text.trim();
}, code);
const grid = w => w.grid;

// The last board of the notebook (a GridBox of 9 buttons), the widget around it, and the kernel's state of the
// widget held in `variable`: {b: the board as 9 characters, result, human}. same() waits until the page's cells
// (their text in the DOM, a free cell shown as '') equal the kernel's board, and fails if they never do.
async function widgetBoard() {
  const g = page.locator('.widget-gridbox').filter({ has: page.locator('button') }).last();
  await g.waitFor({ state: 'attached', timeout: 60_000 }).catch(() => { throw new Failure('no board widget (.widget-gridbox) rendered'); });
  await g.scrollIntoViewIfNeeded();
  const buttons = g.locator('button');
  check(await buttons.count() === 9, `the board has ${await buttons.count()} buttons, not 9`);
  for (let i = 0; i < 9; i++) await buttons.nth(i).waitFor({ state: 'visible', timeout: 30_000 });
  const box = g.locator('xpath=ancestor::div[contains(@class,"widget-hbox")][1]');
  const w = { grid: g, buttons, box };
  w.labels = async () => (await buttons.allInnerTexts()).map(s => s.trim());
  w.kernel = async () => {
    const out = await kernelPrint(`import json as _j; print(_j.dumps({'b': str(${variable}.state['b']), 'result': ${variable}.state.get('result'), 'human': ${variable}.state.get('human')}))`);
    try { return JSON.parse(out); } catch { throw new Failure(`could not read ${variable}.state from the kernel: ${out}`); }
  };
  const poll = async (test, ms = 30_000) => {
    let last;
    for (const until = Date.now() + ms; Date.now() < until; await page.waitForTimeout(250)) if ((last = await test()).ok) return last;
    return last;
  };
  w.same = async what => {
    const r = await poll(async () => {
      const [k, d] = [await w.kernel(), (await w.labels()).map(s => s || '.').join('')];
      return { ok: k.b === d, k: k.b, d };
    });
    check(r.ok, `${what}: the page shows ${r.d}, the kernel holds ${r.k}`);
  };
  w.kernelUntil = async (test, msg) => { const r = await poll(async () => { const k = await w.kernel(); return { ok: test(k), k }; }, 60_000); check(r.ok, `${msg}: ${JSON.stringify(r.k)}`); };
  w.plots = () => box.locator('.js-plotly-plot').count();
  w.plotsUntil = async (n, what) => { const r = await poll(async () => ({ ok: await w.plots() === n, m: await w.plots() })); check(r.ok, `${what}: ${r.m} figures beside the board, not ${n}`); };
  w.textUntil = async (text, what) => { const r = await poll(async () => { const t = await box.innerText(); return { ok: t.includes(text), t }; }); check(r.ok, `${what}: ${JSON.stringify(text)} not shown: ${JSON.stringify(r.t.slice(0, 300))}`); };
  return w;
}

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
    // play_widget: a GridBox of 9 Buttons whose labels are the marks; the last one in the notebook is the live game,
    // held in the kernel by the variable named by --board=VAR.
    const w = await widgetBoard();
    const before = await w.labels();
    const n = m => before.filter(s => s === m).length;
    const mine = n('X') > n('O') ? 'O' : 'X';  // X moves first
    await w.same('the board as first drawn');
    const cell = (await Promise.all(before.map(async (s, i) => s === '' && await w.buttons.nth(i).isEnabled() ? i : -1))).find(i => i >= 0);
    check(cell !== undefined, `no empty cell to click on the board: ${JSON.stringify(before)}`);
    log(`board ${JSON.stringify(before)}; playing ${mine} in cell ${cell}`);
    await w.box.screenshot({ path: shotAs('start') });
    await w.buttons.nth(cell).click();
    const marks = b => b.filter(s => s).length;
    await page.waitForFunction(([c, m, k]) => {  // the click goes to the kernel and back: our mark, then the reply
      const b = [...document.querySelectorAll('.widget-gridbox')].filter(g => g.querySelector('button')).at(-1);
      const t = [...b.querySelectorAll('button')].map(x => x.innerText.trim());
      return t[c] === m && t.filter(s => s).length >= k;
    }, [cell, mine, marks(before) + 2], { timeout: 60_000 })
      .catch(async () => { throw new Failure(`the board did not answer the click: ${JSON.stringify(await w.labels())}`); });
    const after = await w.labels();
    log(`board answered: ${JSON.stringify(after)}`);
    await w.same('after the first click');
    // the thought of the model's reply (play_widget's .ttt-thought label in the same game) names the cell it played
    const reply = after.findIndex((s, i) => s && !before[i] && i !== cell);
    const name = `${Math.floor(reply / 3)}-${reply % 3}`;
    const thought = w.box.locator('.ttt-thought');
    let said = '';
    for (const until = Date.now() + 30_000; Date.now() < until; await page.waitForTimeout(250)) {
      said = (await thought.innerText({ timeout: 1_000 }).catch(() => '')).trim();
      if (said.includes('thinks:') && said.includes(name)) break;
    }
    check(said.includes('thinks:') && said.includes(name), `no thought naming the reply ${name} beside the board: ${JSON.stringify(said)}`);
    log(`thought shown: ${said}`);
    // the whole output: board, status line and the opponent's probability heatmap
    await grid(w).locator('xpath=ancestor::div[contains(@class,"jp-OutputArea-output")][1]').screenshot({ path: shot });
    // play on, by clicks, to the end of the game; the page must show the kernel's board after every move
    for (let k = await w.kernel(); !k.result; k = await w.kernel()) {
      const free = await w.labels();
      const i = (await Promise.all(free.map(async (s, j) => s === '' && await w.buttons.nth(j).isEnabled() ? j : -1))).find(j => j >= 0);
      check(i !== undefined, `the game is not over (${k.b}) but no cell can be clicked: ${JSON.stringify(free)}`);
      await w.buttons.nth(i).click();
      await w.kernelUntil(s => s.b !== k.b, `the kernel's board did not change after a click on cell ${i}`);
      await w.same(`after a click on cell ${i}`);
    }
    const end = await w.kernel();
    await w.same('at the end of the game');
    await w.textUntil(end.result, 'the result');
    check(await w.plots() === 1, `${await w.plots()} figures beside the finished game, not 1`);
    log(`game over: ${end.b}, ${end.result}`);
    await w.box.screenshot({ path: shotAs('end') });
    // a new game: every cell free on the page too, no figure left from the last game
    await w.box.locator('button', { hasText: 'new game' }).click();
    await w.kernelUntil(s => s.b === '.........' && !s.result, 'new game did not start a game in the kernel');
    await w.same('after "new game"');
    await w.plotsUntil(0, 'after "new game" (you move first)');
    await w.box.screenshot({ path: shotAs('new-game') });
    // switch sides: a new game where the model opens
    await w.box.locator('.widget-toggle-buttons button').filter({ hasText: /^\s*O\s*$/ }).click();
    await w.kernelUntil(s => s.human === 'O' && s.b.replace(/\./g, '').length === 1, 'switching to O did not start a game the model opened');
    await w.same('after switching to O');
    await w.plotsUntil(1, 'after switching to O (the model opened)');
    await w.box.screenshot({ path: shotAs('side-O') });
    log(`new game and side switch drawn as the kernel holds them: ${(await w.kernel()).b}`);
  } else if (explorer) {
    // reward_explorer (05_rewards), held in the kernel by --explorer=VAR: the last board in the notebook
    const w = await widgetBoard();
    await w.same('the explorer as first drawn');
    await w.plotsUntil(1, 'the explorer on the empty board');
    for (const i of [4, 0]) {
      const k = await w.kernel();
      await w.buttons.nth(i).click();
      await w.kernelUntil(s => s.b !== k.b, `the explorer's board did not change after a click on cell ${i}`);
      await w.same(`explorer, after a click on cell ${i}`);
    }
    await w.plotsUntil(1, 'the explorer after two moves');
    await w.box.screenshot({ path: shotAs('explorer-moves') });
    await w.box.locator('button', { hasText: 'reset' }).click();
    await w.kernelUntil(s => s.b === '.........', 'reset did not empty the kernel\'s board');
    await w.same('explorer, after reset');
    const input = w.box.locator('.widget-text input');
    check(await input.inputValue() === '.........', `after reset the text box says ${await input.inputValue()}`);
    await w.box.screenshot({ path: shotAs('explorer-reset') });
    await input.fill('XXXOO....');
    await w.kernelUntil(s => s.b === 'XXXOO....', 'the typed board did not reach the kernel');
    await w.same('explorer, a finished board typed in');
    await w.textUntil('game over', 'the explorer\'s message');
    await w.plotsUntil(0, 'the explorer on a finished board (the previous position\'s figure must go)');
    await w.box.screenshot({ path: shotAs('explorer-finished') });
    log('explorer: moves, reset and a typed finished board drawn as the kernel holds them');
    await page.screenshot({ path: shot });
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
