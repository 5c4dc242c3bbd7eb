"""Benchmark: SFT of the embedded tiny model from scratch on our minimax data (every position, both sides) until
every one of the 4520 positions gets a value-optimal move (the tiny recipe's default stop). Prints seconds, steps,
tokens/s and the exact scores (target: 100 % optimal, 100 % legal, <= 4 min on 2 cores; measured 2026-11-27:
28 epochs, 160 s). Asserts nothing.  Usage: python bench/bench_sft.py"""
import json, tempfile, time
import torch
from ttt_nb.train_sft import train_sft
from ttt_nb.trainers import position_scores
from ttt_nb.logs import read_log

torch.set_num_threads(torch.get_num_threads())
with tempfile.TemporaryDirectory() as d:
    t0 = time.time()
    t = train_sft(output_dir=f'{d}/sft', logs_dir=f'{d}/logs')
    wall = time.time() - t0
    s = position_scores(t.model, t.processing_class)
    log = read_log(t.log_file)
    steps, run = log['steps'], log['summary']
    tokens = max(x.get('num_tokens', 0) for x in steps)
print(json.dumps(dict(threads=torch.get_num_threads(), wall_seconds=round(wall, 1), train_seconds=round(run['train_runtime'], 1),
                      steps=t.state.global_step, epochs=round(t.state.epoch, 2), tokens=tokens,
                      tokens_per_s=round(tokens / run['train_runtime']), **{k: round(v, 4) for k, v in s.items()})))
