"""Whole-game GRPO experiments (the games notebook's findings): each run trains with `ttt_nb.train_grpo.train_grpo`
on whole games, measures exactly every `measure_steps` steps, and adds one row to nbs/results/games.json with the
command line that reproduces it, its minutes on this machine, games played and the exact curve.

    python bench/game_experiments.py zero memorised selfplay heldout    # each name runs one row (rows already there are kept)
"""
import json, os, shlex, sys, tempfile, time
from pathlib import Path
os.environ.setdefault('TRL_EXPERIMENTAL_SILENCE', '1')
ROOT = Path(__file__).resolve().parent.parent
SUMMARY = ROOT / 'nbs' / 'results' / 'games.json'

def flags(kw:dict)->str:
    "The command line of a run's settings."
    out = []
    for k, v in kw.items():
        if v is True: out.append(f'--{k}')
        elif v is not False: out += [f'--{k}', str(v)]
    return ' '.join(shlex.quote(x) for x in out)

def run(name:str, model:str='ttt-tiny', note:str='', **kw)->dict:
    "Train one row's run in a temporary folder and return its summary row."
    from ttt_nb.train_grpo import train_grpo
    from ttt_nb.trainers import Measure
    work = Path(tempfile.mkdtemp())
    kw = dict(dict(episode='game', per_device_train_batch_size=256, num_generations=8, logging_steps=10, save_strategy='no',
                   report_to='none', seed=0), **kw)
    t0 = time.time()
    t = train_grpo(model, output_dir=str(work / 'out'), logs_dir=str(work / 'logs'), **kw)
    secs = time.time() - t0
    curve = next(cb for cb in t.callback_handler.callbacks if isinstance(cb, Measure)).history
    logs = [l for l in t.state.log_history if 'games/win' in l]
    games = t.state.global_step * kw['per_device_train_batch_size']
    return dict(name=name, note=note, call=f'ttt_train_grpo --model_name {model} {flags(kw)}', minutes=round(secs / 60, 2), steps=t.state.global_step,
                games=games, final=curve[-1], curve=curve,
                results=[dict(step=l['step'], **{k: round(l[k], 4) for k in ('games/win', 'games/draw', 'games/loss', 'games/illegal', 'entropy', 'frac_reward_zero_std') if k in l}) for l in logs])

def save(row:dict):
    rows = json.loads(SUMMARY.read_text()) if SUMMARY.exists() else {}
    rows[row['name']] = row
    tmp = SUMMARY.with_suffix('.tmp'); tmp.write_text(json.dumps(rows, indent=1)); tmp.replace(SUMMARY)

ZERO = dict(model='ttt-tiny', cells_only=True, game_start='all', learning_rate=1e-3, max_steps=300, measure_steps=50)
EXPERIMENTS = dict(   # name -> (note, settings)
    zero_mixed=('random init, no labels, reward = result; cells only; all starts; vs mixed:0.5', dict(ZERO, opponent='mixed:0.5', max_steps=500)),
    zero_perfect=('random init; reward = result; vs perfect', dict(ZERO, opponent='perfect', scale_rewards='none')),
)

def parse(v:str):
    for f in (int, float):
        try: return f(v)
        except ValueError: pass
    return {'true': True, 'false': False}.get(v, v)

if __name__ == '__main__':
    import torch; torch.set_num_threads(2)
    name, *over = sys.argv[1:]            # a name, then optional key=value overrides (saved under name+overrides)
    note, kw = EXPERIMENTS[name]
    extra = {k: parse(v) for k, v in (o.split('=', 1) for o in over)}
    save(run(name + ''.join(f' {k}={v}' for k, v in extra.items()), note=note, **{**kw, **extra}))
