"""GPU check: SFT a Qwen2.5-0.5B-sized model (random init from a config, no download) for 200 steps in bf16
with TRL's SFTTrainer on our SFT rows (template thoughts, both sides, all 4520 positions) and print tokens/s.

The model has Qwen2.5-0.5B's shape (hidden 896, 24 layers, 14 heads / 2 KV heads, MLP 4864, 151,936-row
embedding); the text goes through the project's character-level tokenizer, so sequences are longer than Qwen's
BPE would make them. Prints figures; asserts nothing.  Usage: python bench/bench_gpu_sft.py [--steps 200]"""
import argparse, json, tempfile, time
import torch
from transformers import Qwen2Config, Qwen2ForCausalLM, TrainerCallback
from trl import SFTConfig, SFTTrainer
from ttt_nb.models import build_tokenizer, hardware_defaults
from ttt_nb.datasets import sft_dataset

p = argparse.ArgumentParser()
p.add_argument('--steps', type=int, default=200); p.add_argument('--batch_size', type=int, default=16)
p.add_argument('--max_length', type=int, default=512)
a = p.parse_args()

tok = build_tokenizer(); tok.padding_side = 'right'
cfg = Qwen2Config(vocab_size=151936, hidden_size=896, num_hidden_layers=24, num_attention_heads=14, num_key_value_heads=2,
                  intermediate_size=4864, tie_word_embeddings=True, max_position_embeddings=32768, rope_theta=1e6,
                  pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id)
torch.manual_seed(0)
model = Qwen2ForCausalLM(cfg).to(torch.bfloat16 if hardware_defaults()['bf16'] else torch.float32)
n_params = sum(p.numel() for p in model.parameters())
ds = sft_dataset(thoughts='template', fmt='pc')

class Timer(TrainerCallback):
    def on_step_end(self, args, state, control, **kw):
        if state.global_step == 10: torch.cuda.synchronize() if torch.cuda.is_available() else None; self.t10 = time.time()
    def on_log(self, args, state, control, logs=None, **kw):
        if logs and 'num_tokens' in logs: self.tokens = (state.global_step, logs['num_tokens'])

timer = Timer()
with tempfile.TemporaryDirectory() as d:
    args = SFTConfig(output_dir=d, max_steps=a.steps, per_device_train_batch_size=a.batch_size, learning_rate=5e-5,
                     logging_steps=10, save_strategy='no', report_to='none', max_length=a.max_length,
                     dataloader_num_workers=2, disable_tqdm=True, **hardware_defaults())
    tr = SFTTrainer(model=model, args=args, train_dataset=ds, processing_class=tok, callbacks=[timer])
    t0 = time.time(); out = tr.train(); dt = time.time() - t0
step, tokens = timer.tokens
t_after10 = time.time() - timer.t10
print(json.dumps(dict(device=torch.cuda.get_device_name() if torch.cuda.is_available() else 'cpu', params=n_params,
                      bf16=args.bf16, steps=a.steps, batch_size=a.batch_size, rows=len(ds), train_seconds=round(dt, 1),
                      tokens=tokens, tokens_per_s=round(tokens / dt), tokens_per_s_after_warmup=round(tokens * (step - 10) / step / (dt - (timer.t10 - t0))),
                      final_loss=out.training_loss, peak_gib=round(torch.cuda.max_memory_allocated() / 2**30, 2) if torch.cuda.is_available() else None)))
