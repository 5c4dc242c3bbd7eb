"""Run rows of the whole-game findings (`nbs/14a_game_rl.ipynb`, `ttt_nb.game_rl.GAME_RUNS`) from the command line,
one after another, and save each in nbs/results/games.json (the rows not named are kept). Models go to runs/games/.

    python bench/game_experiments.py                         # every row the summary lacks
    python bench/game_experiments.py zero_mixed memorised    # these rows, run again
"""
import os, sys, time
from pathlib import Path
os.environ.setdefault('TRL_EXPERIMENTAL_SILENCE', '1')
ROOT = Path(__file__).resolve().parent.parent

if __name__ == '__main__':
    import torch; torch.set_num_threads(2)
    from ttt_nb.game_rl import run_game_rows
    names = sys.argv[1:]
    t0 = time.time()
    rows = run_game_rows(names or None, out=str(ROOT / 'runs' / 'games'), summary=str(ROOT / 'nbs' / 'results' / 'games.json'), redo=bool(names))
    for n in names or rows:
        f = rows[n]['final']
        print(f"{n:18} {rows[n]['own_minutes']:5.1f} min  legal {f['legal']:.2%}  optimal {f['optimal']:.2%}  lines lost X {f['lost_x']}/{f['lines_x']}  O {f['lost_o']}/{f['lines_o']}")
    print(f'{time.time() - t0:.0f} s')
