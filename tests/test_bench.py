"The GPU bench script runs end to end on the CPU with the same model shape, a few steps, before any GPU is lent."
import json, os, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parent.parent

MEMORY_GIB = os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30

@pytest.mark.skipif(MEMORY_GIB < 12, reason='AdamW on 494M fp32 parameters needs ~9 GiB')
def test_bench_gpu_sft_on_cpu():
    r = subprocess.run([sys.executable, str(ROOT / 'bench' / 'bench_gpu_sft.py'), '--steps', '1', '--batch_size', '1', '--grpo_steps', '1', '--completion_length', '4',
                        '--positions', '16'], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-3000:]
    parts = {d['part']: d for d in (json.loads(l) for l in r.stdout.splitlines() if l.startswith('{"part"'))}
    assert list(parts) == ['device', 'sft', 'grpo', 'evaluate'], parts
    dev, sft, grpo, ev = parts['device'], parts['sft'], parts['grpo'], parts['evaluate']
    assert sft['params'] == 494_032_768                                  # Qwen2.5-0.5B's shape (its tied embedding counted once)
    if dev['device'] == 'cpu': assert (sft['attention'], sft['padding_free'], sft['bf16']) == ('sdpa', False, False)   # no FlashAttention: padded batches
    assert sft['steps'] == 1 and sft['tokens'] > 0 and sft['tokens_per_s'] > 0 and 0 < sft['mfu'] < 1 and sft['peak_gib'] > 1
    assert grpo['steps'] == 1 and grpo['seconds_per_step'] > 0
    assert ev['positions'] == 16 and ev['positions_per_s'] > 0
