"""Speed of whole games (issue: games per second of the rollout, and where a GRPO step's time goes), on this machine.

    python bench/bench_games.py [MODEL]     # MODEL: a direct-answer model folder (default: runs/games/sft_weak, else ttt-tiny)

Prints: games/s and model turns/s of `play_games` for 256 games (from every position and from the empty board, as
direct answers and with `cells_only`), the share of that time spent sampling, and for 10 whole-game GRPO steps the
share of a step spent in the rollout (the rest is TRL's scoring and training step). The figures go to
nbs/results/games_speed.json, which the findings notebook shows."""
import json, os, sys, tempfile, time
from pathlib import Path
os.environ.setdefault('TRL_EXPERIMENTAL_SILENCE', '1')
import torch
torch.set_num_threads(2)
from ttt_nb import games
from ttt_nb.models import load_model, TINY
from ttt_nb.train_grpo import train_grpo

ROOT = Path(__file__).resolve().parent.parent
model_name = sys.argv[1] if len(sys.argv) > 1 else next((str(p) for p in [ROOT / 'runs/games/sft_weak'] if (p / 'config.json').exists()), TINY)
model, tok = load_model(model_name)
spent = dict(sample=0.0)
_sample = games.sample_answers
def timed(*a, **kw):
    t = time.perf_counter(); r = _sample(*a, **kw); spent['sample'] += time.perf_counter() - t; return r
games.sample_answers = timed

print(f'model: {model_name}')
out = dict(model=Path(model_name).name, rollout=[])
for start in ('all', 'empty'):
    for cells in (False, True):
        starts = (games.game_starts(start) * 128)[:256]
        spent['sample'] = 0.0
        t = time.perf_counter(); gs = games.play_games(model, tok, starts, 'mixed:0.5', seed=0, cells_only=cells); secs = time.perf_counter() - t
        turns = sum(len(g.turns) for g in gs)
        out['rollout'].append(dict(start=start, cells_only=cells, games_per_s=round(len(gs) / secs, 1), turns_per_s=round(turns / secs, 1),
                                   turns_per_game=round(turns / len(gs), 2), sampling_share=round(spent['sample'] / secs, 3)))
        print(f'start {start:5} cells_only {cells!s:5}: {len(gs) / secs:6.0f} games/s, {turns / secs:6.0f} model turns/s '
              f'({turns / len(gs):.1f} turns a game), sampling {spent["sample"] / secs:.0%} of the time')

calls = []
_call = games.GameRollout.__call__
def rollout(self, prompts, trainer):
    t = time.perf_counter(); r = _call(self, prompts, trainer); calls.append(time.perf_counter() - t); return r
games.GameRollout.__call__ = rollout
with tempfile.TemporaryDirectory() as d:
    t = time.perf_counter()
    tr = train_grpo(model_name, output_dir=f'{d}/out', logs_dir=f'{d}/logs', episode='game', opponent='mixed:0.5', game_start='all',
                    max_steps=10, per_device_train_batch_size=256, num_generations=8, save_strategy='no', logging_steps=10)
    secs = time.perf_counter() - t
    steps = tr.state.global_step
    step_time = [l['step_time'] for l in tr.state.log_history if 'step_time' in l]
print(f'GRPO, 256 games a step: {steps} steps; rollout {sum(calls) / steps:.2f} s a step, the whole step {step_time[-1] if step_time else secs / steps:.2f} s '
      f'(rollout {sum(calls) / steps / (step_time[-1] if step_time else secs / steps):.0%}); {secs:.0f} s with loading and saving')
one = step_time[-1] if step_time else secs / steps
out['grpo'] = dict(games_per_step=256, steps=steps, rollout_s=round(sum(calls) / steps, 3), step_s=round(one, 3), rollout_share=round(sum(calls) / steps / one, 3))
(ROOT / 'nbs' / 'results' / 'games_speed.json').write_text(json.dumps(out, indent=1) + '\n')
