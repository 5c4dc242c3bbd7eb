"""Sweep: which tiny model learns template thoughts? Trains ttt-tiny-think's tokenizer (every template word one token)
on a Qwen2 of the given width for a fixed number of epochs (no early stop), then measures every one of the 4520
positions by greedy generation: value-optimal and legal moves, true thoughts (`check_thought`) and thoughts that are
word for word a true template. Measured on 2 CPU cores, 20 epochs, lr 1e-3 (sft_tiny_think.yaml otherwise):
  hidden 64 (256k + words), varied wording, no length grouping: 272 s, optimal 79.3 %, true thoughts 73.3 %
  hidden 128 (1.04M), varied wording, no length grouping:      457 s, optimal 95.5 %, true thoughts 94.1 %
  hidden 128, varied wording, grouped by length:               248 s, optimal 94.3 %, true thoughts 87.2 %
  hidden 128, one fixed wording per kind of move, grouped:     236 s, optimal 83.8 %, true thoughts 76.6 %
Usage: python bench/think_sweep.py OUT_FOLDER [hidden_size=128] [num_train_epochs=20] [train_sampling_strategy=random] [fixed=1]"""
import json, random, sys, time
from pathlib import Path
from ttt_nb.models import build_tokenizer, build_tiny_model, save_model, load_model, THINK_CONFIG
from ttt_nb.thoughts import template_thought
from ttt_nb.formats import render_prompt, render_completion
from ttt_nb.solver import nonterminal_positions
from ttt_nb.datasets import write_jsonl, label_move
from ttt_nb.train_sft import train_sft
from ttt_nb.trainers import thought_scores

out, kw = Path(sys.argv[1]), dict(a.split('=', 1) for a in sys.argv[2:])
def num(v):
    for t in (int, float):
        try: return t(v)
        except ValueError: pass
    return v
kw = {k: num(v) for k, v in kw.items()}
fixed, width = kw.pop('fixed', 0), kw.pop('hidden_size', THINK_CONFIG['hidden_size'])
tok = build_tokenizer(words=True)
save_model(build_tiny_model(tok, seed=0, **dict(THINK_CONFIG, hidden_size=width, intermediate_size=4 * width)), tok, out / 'init')
rng, labels = random.Random('0-thoughts'), random.Random('0-labels')
rows = []
for b in nonterminal_positions():
    m = label_move(b, 'minimax', labels)
    rows.append(dict(prompt=render_prompt(b), completion=render_completion(m, template_thought(b, m) if fixed else template_thought(b, m, rng))))
write_jsonl(rows, out / 'sft.jsonl')
t0 = time.time()
t = train_sft(str(out / 'init'), str(out / 'sft.jsonl'), config='configs/sft_tiny_think.yaml', output_dir=str(out / 'sft'), logs_dir=str(out / 'logs'),
              early_stop=0, save_strategy='no', overwrite=True, **{'train_sampling_strategy': 'random', 'num_train_epochs': 20, **kw})
seconds = time.time() - t0
s = thought_scores(*load_model(str(out / 'sft'), device='cpu'))
print(json.dumps(dict(hidden_size=width, fixed=bool(fixed), settings=kw, steps=t.state.global_step, seconds=round(seconds), **s)))
