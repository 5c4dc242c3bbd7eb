"""Benchmark the solver: time to enumerate and solve every position from cold caches, and positions labelled
per second (target: all 4520 non-terminal positions labelled in under 0.2 s). Prints figures; asserts nothing."""
import statistics, time
from ttt_nb.solver import clear_caches, reachable_positions, solve, label_all

def once():
    clear_caches()
    t0 = time.perf_counter(); ps = reachable_positions()
    t1 = time.perf_counter(); [solve(b) for b in ps]
    t2 = time.perf_counter(); labels = label_all()
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2, len(labels)

runs = [once() for _ in range(7)]
enum, solv, lab, n = (statistics.median(r[i] for r in runs) for i in range(4))
print(f'enumerate 5478 positions: {enum*1000:.1f} ms (median of {len(runs)} cold runs)')
print(f'solve all positions:      {solv*1000:.1f} ms')
print(f'label {int(n)} positions:      {lab*1000:.1f} ms = {n/lab:,.0f} positions/s (tie-break included)')
print(f'total cold:               {(enum+solv+lab)*1000:.1f} ms; target for labelling < 200 ms: {"met" if lab < 0.2 else "MISSED"}')
