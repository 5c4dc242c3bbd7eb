"""Benchmark dataset generation: rows per second for SFT, DPO and GRPO rows with template thoughts over every
position (4520 boards, both sides), warm (labels, move facts and prompts cached, as in a second call) and cold
(every cache cleared, the solver included), plus building a `datasets.Dataset` and writing JSONL.
Target: at least 20,000 SFT rows/s. Prints figures; asserts nothing."""
import statistics, tempfile, time
from pathlib import Path
from ttt_nb.solver import clear_caches
from ttt_nb.thoughts import move_facts
from ttt_nb import datasets as D

def clear_all():
    clear_caches(); move_facts.cache_clear(); D._prompt.cache_clear()

def rate(fn, cold=False, runs=5):
    "Median rows/s of `fn()` over `runs` calls (each cold or each warm)."
    times, n = [], 0
    if not cold: fn()                                   # warm the caches once
    for _ in range(runs):
        if cold: clear_all()
        t0 = time.perf_counter(); n = len(fn()); times.append(time.perf_counter() - t0)
    t = statistics.median(times)
    return n, t, n / t

cases = {'SFT  text, template': lambda: D.sft_rows('template'),
         'SFT  text, none':     lambda: D.sft_rows('none'),
         'SFT  pc,   template': lambda: D.sft_rows('template', fmt='pc'),
         'DPO  template':       lambda: D.dpo_rows('template'),
         'GRPO prompts + labels': lambda: D.grpo_rows(),
         'SFT  random 2000, template': lambda: D.sft_rows('template', sampling='random', n=2000)}
print(f'{"generation (rows as dicts)":30} {"rows":>6} {"warm rows/s":>12} {"cold rows/s":>12}')
for name, fn in cases.items():
    n, tw, rw = rate(fn)
    _, tc, rc = rate(fn, cold=True, runs=3)
    print(f'{name:30} {n:6} {rw:12,.0f} {rc:12,.0f}')

rows = D.sft_rows('template')
D.to_dataset(rows[:10])                                 # import `datasets` outside the timing
t0 = time.perf_counter(); ds = D.to_dataset(rows); t1 = time.perf_counter()
with tempfile.TemporaryDirectory() as d:
    D.write_jsonl(rows, Path(d) / 'sft.jsonl'); t2 = time.perf_counter()
    D.read_jsonl(Path(d) / 'sft.jsonl'); t3 = time.perf_counter()
print(f'datasets.Dataset.from_list: {len(rows)/(t1-t0):,.0f} rows/s; write_jsonl: {len(rows)/(t2-t1):,.0f} rows/s; '
      f'read_jsonl (validated): {len(rows)/(t3-t2):,.0f} rows/s')
n, t, r = rate(lambda: D.sft_rows('template'))
print(f'target >= 20,000 SFT rows/s (warm, template thoughts): {"met" if r >= 20000 else "MISSED"} ({r:,.0f})')
