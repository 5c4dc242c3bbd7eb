"""Benchmark: the main job end to end (`ttt_pipeline` on the embedded tiny model) and its targets:
<= 5 min on 2 cores; 100 % value-optimal moves on all 4520 positions; 0 games lost over every opponent line;
exact wins vs random >= 99 % as X and >= 90 % as O. Runs the pipeline into RUN_FOLDER (default: a fresh temporary
folder) and prints the figures, the wall clock of the whole command (process start to exit) included; a folder that
already holds a finished run is only reported.  Usage: python bench/bench_pipeline.py [RUN_FOLDER]"""
import json, subprocess, sys, tempfile, time
from pathlib import Path

run = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / 'demo'
wall = None
if not (run / 'summary.json').exists():
    t0 = time.time()
    subprocess.run([str(Path(sys.executable).parent / 'ttt_pipeline'), '--out', str(run)], check=True)
    wall = time.time() - t0
info = json.loads((run / 'summary.json').read_text())
h = info['stages']['evaluate']['headline']
if wall: print(f"wall clock of `ttt_pipeline --out {run}`: {wall:.0f} s (target <= 300 s)")
print(f"pipeline: {info['seconds']:.0f} s: " + ', '.join(f"{k} {v.get('seconds', 0):.0f} s" for k, v in info['stages'].items()))
print(f"optimal moves: {h['optimal']:.2%} (target 100 %); legal {h['legal']:.2%}; solver's choice {h['best']:.2%}")
print(f"games lost over every opponent line: X {h['lines_lost_x']}, O {h['lines_lost_o']} (target 0)")
print(f"exact wins vs random: X {h['win_vs_random_x']:.2%} (target >= 99 %), O {h['win_vs_random_o']:.2%} (target >= 90 %)")
