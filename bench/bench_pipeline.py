"""Benchmark: the main job end to end (`ttt_pipeline` on an embedded tiny model) and its targets.
Direct answers (default, `ttt-tiny`): <= 5 min on 2 cores; 100 % value-optimal moves on all 4520 positions; 0 games
lost over every opponent line; exact wins vs random >= 99 % as X and >= 90 % as O.
With `--thoughts template` (`ttt-tiny-think`, a thought before each move): <= 10 min on 2 cores, the same play targets,
and 100 % true thoughts naming the move played.
Runs the pipeline into RUN_FOLDER (default: a fresh temporary folder) and prints the figures, the wall clock of the
whole command (process start to exit) included, each stage's time, and the tokens per answer; a folder that already
holds a finished run is only reported.

Then, per training stage: steps, tokens trained, tokens/s, and the arithmetic floor: the seconds this CPU would need
for the stage's matmul work alone at its measured fp32 matmul rate (512 x 512 products, torch's threads), with
6 x parameters x tokens for SFT (forward and backward), 8 x for DPO and GRPO (plus the reference model's or the
generation's forward pass). The ratio time / floor says how far the stage is from what the arithmetic allows; for
a 256k-parameter model it is large, since each product is small and each step runs hundreds of them.
Usage: python bench/bench_pipeline.py [RUN_FOLDER] [--thoughts template]"""
import json, subprocess, sys, tempfile, time
from pathlib import Path
import torch, transformers
transformers.utils.logging.disable_progress_bar()   # no "Loading weights" bar in the figures
from ttt_nb.pipeline import answer_tokens
from ttt_nb.datasets import read_jsonl
from ttt_nb.models import load_model, load_tokenizer
from ttt_nb.trainers import settings

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

def matmul_rate(n=512, reps=40)->float:
    "This CPU's fp32 matmul rate in FLOP/s, with torch's threads."
    a, b = torch.randn(n, n), torch.randn(n, n)
    for _ in range(5): a @ b
    t = time.perf_counter()
    for _ in range(reps): a @ b
    return 2 * n ** 3 * reps / (time.perf_counter() - t)

rate, tok = matmul_rate(), load_tokenizer(info['model_name'])
params = sum(p.numel() for p in load_model(str(run / 'sft'), device='cpu')[0].parameters())
ntok = lambda texts: sum(len(ids) for ids in tok(texts, add_special_tokens=False)['input_ids'])
print(f"arithmetic floor: {params:,} parameters, matmul rate {rate / 1e9:.1f} GFLOP/s ({torch.get_num_threads()} threads)")
for kind, per_token, answers in (('sft', 6, ('completion',)), ('dpo', 8, ('chosen', 'rejected')), ('grpo', 8, ('best',))):
    st = info['stages'].get(kind)
    if not st or 'steps' not in st: continue
    rows = read_jsonl(run / 'data' / f'{kind}.jsonl')
    prompts = [r['prompt'] for r in rows]
    if kind == 'grpo': per_example = ntok(prompts) / len(rows) + answer_tokens(info['model_name'], info['thoughts'])
    else: per_example = sum(ntok([p + r[a] for p, r in zip(prompts, rows)]) for a in answers) / len(rows)
    batch = settings(kind, model_name_or_path=info['model_name'] if kind == 'sft' else str(run / 'sft')).args.per_device_train_batch_size
    tokens = st['steps'] * batch * per_example
    floor = per_token * params * tokens / rate
    print(f"{kind}: {st['seconds']:.1f} s, {st['steps']} steps x {batch} examples x {per_example:.1f} tokens = {tokens / 1e6:.2f} M tokens, "
          f"{tokens / st['seconds']:,.0f} tokens/s; floor {floor:.1f} s, ratio {st['seconds'] / floor:.0f}x")
