"""GPU check: what the hub recipes cost on one GPU, with a Qwen2.5-0.5B-shaped model (random init from its config, no
download; our tokenizer, so the sequences are ttt-nb's own). Prints one JSON line per part; asserts nothing.

- `sft`: `--steps` steps of TRL's SFTTrainer on our SFT rows (template thoughts, every position), bf16 where the GPU
  has it. Padding-free batches (`padding_free=True`, no pad token computed) when FlashAttention 2 is installed,
  since only its kernel reads the packed sequence boundaries; else SDPA on padded batches grouped by length (TRL
  warns against padding-free without FlashAttention, and we follow it). Prints tokens/s after the first 10 steps,
  MFU (6 x parameters x tokens per second over the device's peak: the dense bf16 peak for the known GPUs, the
  measured matmul rate on a CPU) and peak memory.
- `grpo`: `--grpo_steps` steps of TRL's GRPOTrainer (the `value` reward, 4 completions of up to `--completion_length`
  tokens per prompt).
- `evaluate`: `position_scores` over `--positions` positions (default all 4520): seconds and prompts/s.

On 2 CPU cores the same script runs a few steps of the same shape (`tests/test_bench.py` runs `--steps 1
--batch_size 1 --grpo_steps 1 --completion_length 4 --positions 16`), so it is known to work before a GPU is lent.
Usage: python bench/bench_gpu_sft.py [--steps 200] [--batch_size 16] [--grpo_steps 5] [--positions 4520]"""
import argparse, gc, json, re, resource, sys, tempfile, time
import torch
from transformers import Qwen2Config, Qwen2ForCausalLM, TrainerCallback
from transformers.utils import is_flash_attn_2_available
from trl import SFTConfig, SFTTrainer, GRPOConfig, GRPOTrainer
from ttt_nb.models import build_tokenizer, hardware_defaults
from ttt_nb.datasets import sft_dataset, grpo_dataset
from ttt_nb.rewards import get_rewards
from ttt_nb.trainers import position_scores
from ttt_nb.solver import label_all

PEAK_BF16 = {'H100': 989e12, 'H200': 989e12, 'A100': 312e12, 'L40S': 362e12, 'L4': 121e12}   # dense bf16 FLOP/s, vendors' sheets

def peak_flops()->tuple:
    "The device's name and its peak rate: the known GPUs' dense bf16 peak, a CPU's measured fp32 matmul rate."
    if torch.cuda.is_available():
        name = torch.cuda.get_device_name()
        return name, next((v for k, v in PEAK_BF16.items() if re.search(rf'\b{k}\b', name)), None)   # 'L4' is not 'L40S'
    a, b = torch.randn(512, 512), torch.randn(512, 512)
    for _ in range(5): a @ b
    t = time.perf_counter()
    for _ in range(40): a @ b
    return 'cpu', 2 * 512 ** 3 * 40 / (time.perf_counter() - t)

def peak_gib()->float:
    "Peak memory of this process so far: the GPU's allocator, else the resident set."
    if torch.cuda.is_available(): return round(torch.cuda.max_memory_allocated() / 2**30, 2)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2)

def sync():
    if torch.cuda.is_available(): torch.cuda.synchronize()

def qwen_shaped(tok, attn:str):
    "A randomly initialised model of Qwen2.5-0.5B's shape for our tokenizer's special tokens."
    cfg = Qwen2Config(vocab_size=151936, hidden_size=896, num_hidden_layers=24, num_attention_heads=14, num_key_value_heads=2,
                      intermediate_size=4864, tie_word_embeddings=True, max_position_embeddings=32768, rope_theta=1e6,
                      pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id, attn_implementation=attn)
    torch.manual_seed(0)
    return Qwen2ForCausalLM(cfg).to(torch.bfloat16 if hardware_defaults()['bf16'] else torch.float32)

class Tokens(TrainerCallback):
    "Tokens trained (TRL's `num_tokens`: no padding) and the time, at step `warm` and at the end (TRL logs the count after the step ends)."
    def __init__(self, warm=10): self.warm, self.at_warm, self.tokens = warm, None, 0
    def on_log(self, args, state, control, logs=None, **kw):
        if logs and 'num_tokens' in logs: self.tokens = logs['num_tokens']
        if state.global_step == self.warm and self.at_warm is None: sync(); self.at_warm = (time.time(), self.tokens)

def bench_sft(a, tok, model, attn, peak)->dict:
    params, free = sum(p.numel() for p in model.parameters()), attn == 'flash_attention_2'
    timer = Tokens()
    with tempfile.TemporaryDirectory() as d:
        args = SFTConfig(output_dir=d, max_steps=a.steps, per_device_train_batch_size=a.batch_size, learning_rate=5e-5,
                         logging_steps=1, save_strategy='no', report_to='none', max_length=a.max_length, disable_tqdm=True,
                         padding_free=free, **({} if free else dict(train_sampling_strategy='group_by_length')), **hardware_defaults())
        tr = SFTTrainer(model=model, args=args, train_dataset=sft_dataset(thoughts='template', fmt='pc'), processing_class=tok, callbacks=[timer])
        sync(); t0 = time.time(); out = tr.train(); sync(); dt = time.time() - t0
    after = (timer.tokens - timer.at_warm[1]) / (t0 + dt - timer.at_warm[0]) if timer.at_warm and a.steps > timer.warm else timer.tokens / dt
    res = dict(part='sft', params=params, attention=attn, padding_free=free, bf16=args.bf16, steps=a.steps, batch_size=a.batch_size,
               seconds=round(dt, 1), tokens=int(timer.tokens), tokens_per_s=round(after), mfu=round(6 * params * after / peak, 4) if peak else None,
               final_loss=round(out.training_loss, 3), peak_gib=peak_gib())
    del tr; gc.collect(); torch.cuda.empty_cache() if torch.cuda.is_available() else None
    return res

def bench_grpo(a, tok, model)->dict:
    tok.padding_side = 'left'
    with tempfile.TemporaryDirectory() as d:
        args = GRPOConfig(output_dir=d, max_steps=a.grpo_steps, per_device_train_batch_size=8, num_generations=4, max_completion_length=a.completion_length,
                          learning_rate=1e-6, logging_steps=1, save_strategy='no', report_to='none', disable_tqdm=True, **hardware_defaults())
        tr = GRPOTrainer(model=model, args=args, reward_funcs=get_rewards('value'), train_dataset=grpo_dataset(), processing_class=tok)
        sync(); t0 = time.time(); tr.train(); sync(); dt = time.time() - t0
    res = dict(part='grpo', steps=a.grpo_steps, seconds_per_step=round(dt / a.grpo_steps, 2), completions_per_step=args.generation_batch_size, peak_gib=peak_gib())
    del tr; gc.collect(); torch.cuda.empty_cache() if torch.cuda.is_available() else None
    return res

def bench_evaluate(a, tok, model)->dict:
    model = model.to('cuda' if torch.cuda.is_available() else 'cpu')
    boards = {l.board for l in label_all()[:a.positions]}
    sync(); t0 = time.time(); s = position_scores(model, tok, boards=boards); sync(); dt = time.time() - t0
    return dict(part='evaluate', positions=s['positions'], seconds=round(dt, 2), positions_per_s=round(s['positions'] / dt, 1), peak_gib=peak_gib())

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--steps', type=int, default=200); p.add_argument('--batch_size', type=int, default=16)
    p.add_argument('--max_length', type=int, default=512); p.add_argument('--grpo_steps', type=int, default=5)
    p.add_argument('--positions', type=int, default=4520); p.add_argument('--completion_length', type=int, default=24)
    a = p.parse_args()
    tok = build_tokenizer(words=True); tok.padding_side = 'right'
    attn = 'flash_attention_2' if torch.cuda.is_available() and is_flash_attn_2_available() else 'sdpa'
    device, peak = peak_flops()
    print(json.dumps(dict(part='device', device=device, peak_flops=peak, torch=torch.__version__)), flush=True)
    model = qwen_shaped(tok, attn)   # one model for the three parts: its random init alone takes seconds on a CPU
    for part in (lambda: bench_sft(a, tok, model, attn, peak), lambda: bench_grpo(a, tok, model), lambda: bench_evaluate(a, tok, model)):
        print(json.dumps(part()), flush=True)
