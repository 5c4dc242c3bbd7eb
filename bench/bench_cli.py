"""Benchmark: how long a trainer command takes to answer --help or refuse a bad flag, beside `trl sft --help` on the same
machine (the target: no slower; both are dominated by importing transformers and TRL's config). Prints the median
of N runs of each, in seconds. Asserts nothing.  Usage: python bench/bench_cli.py [N]"""
import shutil, statistics, subprocess, sys, time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
cmds = {'trl sft --help': ['trl', 'sft', '--help'], 'ttt_train_sft --help': ['ttt_train_sft', '--help'],
        'ttt_train_sft --nosuch 1 (refused)': ['ttt_train_sft', '--nosuch', '1'], 'ttt_train_grpo --help': ['ttt_train_grpo', '--help']}
times = {k: [] for k in cmds}
for _ in range(n):
    for k, c in cmds.items():   # interleaved, so a busy moment hits every command alike
        t0 = time.time(); subprocess.run([shutil.which(c[0]) or c[0], *c[1:]], capture_output=True); times[k].append(time.time() - t0)
for k, v in times.items(): print(f'{k:36} median {statistics.median(v):.2f} s  (min {min(v):.2f}, max {max(v):.2f}, {n} runs)')
