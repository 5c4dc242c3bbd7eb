"""Benchmark: the main job end to end (`ttt_pipeline` on an embedded tiny model) and its targets.
Direct answers (default, `ttt-tiny`): <= 5 min on 2 cores; 100 % value-optimal moves on all 4520 positions; 0 games
lost over every opponent line; exact wins vs random >= 99 % as X and >= 90 % as O.
With `--thoughts template` (`ttt-tiny-think`, a thought before each move): <= 10 min on 2 cores, the same play targets,
and 100 % true thoughts naming the move played.
Runs the pipeline into RUN_FOLDER (default: a fresh temporary folder) and prints the figures, the wall clock of the
whole command (process start to exit) included, each stage's time, and the tokens per answer; a folder that already
holds a finished run is only reported.  Usage: python bench/bench_pipeline.py [RUN_FOLDER] [--thoughts template]"""
import json, subprocess, sys, tempfile, time
from pathlib import Path
from ttt_nb.pipeline import answer_tokens

args = sys.argv[1:]
thoughts = args[args.index('--thoughts') + 1] if '--thoughts' in args else 'none'
args = [a for i, a in enumerate(args) if a != '--thoughts' and (i == 0 or args[i - 1] != '--thoughts')]
run = Path(args[0]) if args else Path(tempfile.mkdtemp()) / ('demo' if thoughts == 'none' else 'think')
limit = 300 if thoughts == 'none' else 600
wall = None
if not (run / 'summary.json').exists():
    t0 = time.time()
    subprocess.run([str(Path(sys.executable).parent / 'ttt_pipeline'), '--out', str(run), '--thoughts', thoughts], check=True)
    wall = time.time() - t0
info = json.loads((run / 'summary.json').read_text())
h = info['stages']['evaluate']['headline']
if wall: print(f"wall clock of `ttt_pipeline --out {run} --thoughts {thoughts}`: {wall:.0f} s (target <= {limit} s)")
print(f"pipeline ({info['model_name']}, thoughts {info['thoughts']}): {info['seconds']:.0f} s: "
      + ', '.join(f"{k} {v.get('seconds', 0):.0f} s" + (f" ({v['steps']} steps)" if 'steps' in v else '') for k, v in info['stages'].items()))
print(f"tokens per answer: {answer_tokens(info['model_name'], info['thoughts']):.1f}")
print(f"optimal moves: {h['optimal']:.2%} (target 100 %); legal {h['legal']:.2%}; solver's choice {h['best']:.2%}")
print(f"games lost over every opponent line: X {h['lines_lost_x']}, O {h['lines_lost_o']} (target 0)")
print(f"exact wins vs random: X {h['win_vs_random_x']:.2%} (target >= 99 %), O {h['win_vs_random_o']:.2%} (target >= 90 %)")
if 'thoughts_true' in h: print(f"true thoughts: {h['thoughts_true']:.2%} (target 100 %), naming the move played {h['thoughts_names_move']:.2%}")
