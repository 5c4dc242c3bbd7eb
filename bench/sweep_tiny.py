"""Which tiny-model recipe reaches perfect play fastest? Trains several configurations of the tiny Qwen2 on all
4520 positions (one label per position) with a plain AdamW loop and prints, per epoch, the share of positions
where the greedy move is value-optimal. Run it on a GPU to compare many configurations at once (each in its own
process), or on the CPU for one. Data comes from `.devdata/sweep.pt` (see `prepare`).

    python bench/sweep_tiny.py prepare            # writes .devdata/sweep.pt (needs ttt_nb)
    python bench/sweep_tiny.py run NAME H L LR WARM BS LABEL EPOCHS [HEADS KV]

FULL=1 runs every epoch (no stop at 99.5 %) and reports the first epoch with every position optimal.

Measured on an H200 (2026-11-27, FULL=1, hidden 64, 4 layers, 'best' labels), final share of optimal moves:
batch 32 lr 1e-3 warm-up 150: 40 epochs 99.98 %, 30 epochs 98.16 %; batch 64 (lr 1.5e-3 to 3e-3, 20-30 epochs):
66-95 %; batch 128 (lr 2e-3 to 4e-3, 20-40 epochs): 65-81 %; batch 256 (lr 3e-3 to 5e-3, 25-60 epochs): 43-70 %.
Larger batches do not buy fewer steps, so the CPU time of the tiny SFT is set by ~5700 steps at ~15 steps/s.
"""
import json, math, os, sys, time
import torch

def prepare(path='.devdata/sweep.pt'):
    from ttt_nb.solver import label_all, move_values
    from ttt_nb.formats import render_prompt, render_completion, CELL_TAGS
    from ttt_nb.models import build_tokenizer
    tok, labels = build_tokenizer(), label_all()
    pref = [4, 0, 2, 6, 8, 1, 3, 5, 7]
    variants = dict(best=[l.best for l in labels], minidx=[min(l.optimal) for l in labels],
                    pref=[min(l.optimal, key=pref.index) for l in labels])
    data = {k: torch.tensor([tok(render_prompt(l.board) + render_completion(m))['input_ids'] for l, m in zip(labels, mv)])
            for k, mv in variants.items()}
    data['plen'] = len(tok(render_prompt(labels[0].board))['input_ids'])
    data['optimal'] = torch.zeros(len(labels), 9, dtype=torch.bool)
    for i, l in enumerate(labels): data['optimal'][i, list(l.optimal)] = True
    data['cell_ids'] = torch.tensor(tok.convert_tokens_to_ids(list(CELL_TAGS)))
    data.update(vocab=len(tok), pad=tok.pad_token_id, eos=tok.eos_token_id)
    os.makedirs(os.path.dirname(path), exist_ok=True); torch.save(data, path)

def run(name, h, layers, lr, warm, bs, label, epochs, heads=4, kv=2, path='.devdata/sweep.pt'):
    from transformers import Qwen2Config, Qwen2ForCausalLM
    dev = 'cuda' if torch.cuda.is_available() else 'cpu'
    d = torch.load(path)
    torch.manual_seed(0)
    cfg = Qwen2Config(vocab_size=d['vocab'], hidden_size=h, num_hidden_layers=layers, num_attention_heads=heads,
                      num_key_value_heads=kv, intermediate_size=4 * h, tie_word_embeddings=True,
                      pad_token_id=d['pad'], eos_token_id=d['eos'], max_position_embeddings=2048)
    model = Qwen2ForCausalLM(cfg).to(dev)
    ids, plen, optimal = d[label].to(dev), d['plen'], d['optimal'].to(dev)
    cell_ids = d['cell_ids'].to(dev)
    lab = ids.clone(); lab[:, :plen] = -100
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.0)
    total = epochs * math.ceil(len(ids) / bs)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1, (s + 1) / (warm + 1)) * 0.5 * (1 + math.cos(math.pi * s / total)))
    g, t0, hist = torch.Generator().manual_seed(0), time.time(), []
    for ep in range(epochs):
        model.train()
        for b in torch.randperm(len(ids), generator=g).split(bs):
            b = b.to(dev)
            model(input_ids=ids[b], labels=lab[b]).loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0); opt.step(); sched.step(); opt.zero_grad()
        model.eval()
        with torch.no_grad():
            tokn = model(input_ids=ids[:, :plen + 1], logits_to_keep=1).logits[:, -1].argmax(-1)
        cell = (tokn[:, None] == cell_ids[None]).float()
        o = (cell * optimal).sum().item() / len(ids)
        hist.append(round(o, 4))
        if (o >= 0.995 and not os.environ.get('FULL')) or time.time() - t0 > float(os.environ.get('TMAX', 'inf')): break
    res = dict(name=name, h=h, layers=layers, lr=lr, warm=warm, bs=bs, label=label, heads=heads, kv=kv,
               epochs_run=len(hist), final=hist[-1], best=max(hist), steps=len(hist) * math.ceil(len(ids) / bs),
               first_perfect=next((i + 1 for i, o in enumerate(hist) if o == 1.0), None), secs=round(time.time() - t0, 1), hist=hist)
    print(json.dumps(res), flush=True)
    return res

if __name__ == '__main__':
    if sys.argv[1] == 'prepare': prepare()
    else:
        a = sys.argv[2:]
        run(a[0], int(a[1]), int(a[2]), float(a[3]), int(a[4]), int(a[5]), a[6], int(a[7]), *(int(x) for x in a[8:10]))
