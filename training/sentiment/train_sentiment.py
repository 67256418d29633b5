"""Trains baton-sentiment-mini: a fastText-style classifier (mean of piece + hashed-bigram
embeddings -> linear -> logits), class-weighted for macro-recall, selected on the dev split, and
writes onnx/model.onnx (embeddings stored as float16) plus config.json and metrics.json.

usage: train_sentiment.py --train IDS --dev IDS --vocab-size V --out DIR [--seed S] [--dim D] ...
The IDS files come from training/text/tokenize-corpus.ts (label<TAB>ids).
"""
import argparse, json, os, sys, time
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "text"))
from bag_model import BIGRAM_PRIME, LazyAdam, bigram_ids, flatten, read_ids  # noqa: E402

LABELS = ["negative", "neutral", "positive"]


def lexicon_columns(lexicon_path, tokenizer_path, V, NB):
    """Two frozen embedding columns from the VADER lexicon (positive and negative valence / 4): a
    prior that carries to words the tweets use rarely. Single-piece entries land on their id,
    two-piece entries (emoticons such as ':)', split by the pre-tokenizer) on their bigram bucket."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "text"))
    from build_tokenizer import normalize, pre_tokenize
    vocab = json.load(open(tokenizer_path, encoding="utf-8"))["model"]["vocab"]
    cols = np.zeros((V + NB, 2), dtype=np.float32)
    hits = 0
    with open(lexicon_path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            toks = pre_tokenize(normalize(parts[0]))
            v = float(parts[1]) / 4.0
            val = np.array([max(v, 0.0), max(-v, 0.0)], dtype=np.float32)
            if len(toks) == 1 and toks[0] in vocab:
                cols[vocab[toks[0]]] = val; hits += 1
            elif len(toks) == 2 and all(t in vocab for t in toks):
                a, b = vocab[toks[0]], vocab[toks[1]]
                cols[V + (a * BIGRAM_PRIME + b) % NB] = val; hits += 1
    print(f"lexicon prior: {hits} entries mapped to pieces or bigrams")
    return cols


def features(seqs, V, NB):
    return [np.concatenate([s, bigram_ids(s, V, NB)]) for s in seqs]


def forward(E, W, b, batch):
    flat, starts, counts = flatten(batch)
    emb = E[flat]
    pooled = np.add.reduceat(emb, starts, axis=0) / counts[:, None]
    return flat, starts, counts, pooled, pooled @ W + b


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def scores(y, pred, k=3):
    cm = np.zeros((k, k), dtype=np.int64)
    for t, p in zip(y, pred):
        cm[t, p] += 1
    recall = np.array([cm[i, i] / max(cm[i].sum(), 1) for i in range(k)])
    precision = np.array([cm[i, i] / max(cm[:, i].sum(), 1) for i in range(k)])
    f1 = np.where(precision + recall > 0, 2 * precision * recall / np.maximum(precision + recall, 1e-12), 0)
    return {"macroRecall": float(recall.mean()), "accuracy": float(np.trace(cm) / cm.sum()), "macroF1": float(f1.mean()), "confusion": cm.tolist()}


def predict(E, W, b, feats, bs=2048):
    out = []
    for i in range(0, len(feats), bs):
        out.append(forward(E, W, b, feats[i:i + bs])[4].argmax(axis=1))
    return np.concatenate(out)


def export_onnx(path, E, W, b, V, NB):
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    inits = [
        numpy_helper.from_array(E.astype(np.float16), "embeddings"),
        numpy_helper.from_array(W.astype(np.float32), "classifier.weight"),
        numpy_helper.from_array(b.astype(np.float32), "classifier.bias"),
        numpy_helper.from_array(np.array([BIGRAM_PRIME], dtype=np.int64), "bigram_prime"),
        numpy_helper.from_array(np.array([NB], dtype=np.int64), "bigram_buckets"),
        numpy_helper.from_array(np.array([V], dtype=np.int64), "vocab_size"),
        numpy_helper.from_array(np.array([0], dtype=np.int64), "zero"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "one"),
        numpy_helper.from_array(np.array([-1], dtype=np.int64), "minus_one"),
        numpy_helper.from_array(np.array([2**62], dtype=np.int64), "end"),
        numpy_helper.from_array(np.array([1.0], dtype=np.float32), "one_f"),
    ]
    n = helper.make_node
    nodes = [
        n("Cast", ["attention_mask"], ["mask"], to=TensorProto.FLOAT),
        # Unigram pieces.
        n("Gather", ["embeddings", "input_ids"], ["uni16"]),
        n("Cast", ["uni16"], ["uni"], to=TensorProto.FLOAT),
        n("Unsqueeze", ["mask", "minus_one"], ["mask3"]),
        n("Mul", ["uni", "mask3"], ["uni_masked"]),
        n("ReduceSum", ["uni_masked", "one"], ["uni_sum"], keepdims=0),
        n("ReduceSum", ["mask", "one"], ["uni_count"], keepdims=1),
        # Hashed bigrams of adjacent ids, computed here so the tokenizer stays a plain WordPiece.
        n("Slice", ["input_ids", "zero", "minus_one", "one"], ["left"]),
        n("Slice", ["input_ids", "one", "end", "one"], ["right"]),
        n("Mul", ["left", "bigram_prime"], ["left_p"]),
        n("Add", ["left_p", "right"], ["pair"]),
        n("Mod", ["pair", "bigram_buckets"], ["bucket"]),
        n("Add", ["bucket", "vocab_size"], ["bigram_id"]),
        n("Gather", ["embeddings", "bigram_id"], ["bi16"]),
        n("Cast", ["bi16"], ["bi"], to=TensorProto.FLOAT),
        n("Slice", ["mask", "zero", "minus_one", "one"], ["mask_l"]),
        n("Slice", ["mask", "one", "end", "one"], ["mask_r"]),
        n("Mul", ["mask_l", "mask_r"], ["bi_mask"]),
        n("Unsqueeze", ["bi_mask", "minus_one"], ["bi_mask3"]),
        n("Mul", ["bi", "bi_mask3"], ["bi_masked"]),
        n("ReduceSum", ["bi_masked", "one"], ["bi_sum"], keepdims=0),
        n("ReduceSum", ["bi_mask", "one"], ["bi_count"], keepdims=1),
        # Masked mean over both kinds of features.
        n("Add", ["uni_sum", "bi_sum"], ["sum"]),
        n("Add", ["uni_count", "bi_count"], ["count0"]),
        n("Max", ["count0", "one_f"], ["count"]),
        n("Div", ["sum", "count"], ["pooled"]),
        n("MatMul", ["pooled", "classifier.weight"], ["scores"]),
        n("Add", ["scores", "classifier.bias"], ["logits"]),
    ]
    graph = helper.make_graph(
        nodes,
        "baton-sentiment-mini",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch_size", "sequence_length"]),
        ],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch_size", 3])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="baton-training")
    model.ir_version = 7
    onnx.checker.check_model(model)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    onnx.save(model, path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--dev", required=True)
    ap.add_argument("--vocab-size", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dim", type=int, default=32)
    ap.add_argument("--buckets", type=int, default=40000)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--l2", type=float, default=0.0)
    ap.add_argument("--lexicon", help="VADER lexicon file for the frozen valence prior")
    ap.add_argument("--tokenizer-json", help="tokenizer.json (needed with --lexicon)")
    ap.add_argument("--lexicon-scale", type=float, default=1.0)
    ap.add_argument("--init-scale", type=float, default=0.0)
    ap.add_argument("--calibrate", action="store_true", help="shift the class biases to maximise dev macro-recall")
    ap.add_argument("--report", nargs="*", default=[], help="extra IDS files to report on each epoch (not used for selection)")
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    V, NB, D = args.vocab_size, args.buckets, args.dim

    tl, ts = read_ids(args.train)
    dl, ds = read_ids(args.dev)
    ytr = np.array([LABELS.index(l) for l in tl])
    ydev = np.array([LABELS.index(l) for l in dl])
    ftr, fdev = features(ts, V, NB), features(ds, V, NB)
    reports = []
    for path in args.report:
        rl, rs = read_ids(path)
        reports.append((os.path.basename(path), np.array([LABELS.index(l) for l in rl]), features(rs, V, NB)))
    counts = np.bincount(ytr, minlength=3)
    class_w = (len(ytr) / (3 * counts)).astype(np.float32)
    print(f"train {len(ytr)} {dict(zip(LABELS, counts.tolist()))}; dev {len(ydev)}; class weights {class_w.round(3).tolist()}")

    # Zero start (as fastText's output side): a piece the data rarely shows stays near zero
    # instead of carrying random noise into every message that contains it.
    E = (rng.standard_normal((V + NB, D)) * args.init_scale).astype(np.float32)
    frozen = 0
    if args.lexicon:
        cols = lexicon_columns(args.lexicon, args.tokenizer_json, V, NB) * args.lexicon_scale
        E = np.concatenate([E, cols], axis=1)
        frozen = cols.shape[1]
        D = D + frozen
    W = (rng.standard_normal((D, 3)) * 0.1).astype(np.float32)
    b = np.zeros(3, dtype=np.float32)
    optE, optW, optb = LazyAdam(E.shape, args.lr), LazyAdam(W.shape, args.lr), LazyAdam(b.shape, args.lr)
    best = (-1.0, None, None)
    history = []
    for epoch in range(1, args.epochs + 1):
        t0 = time.time()
        order = rng.permutation(len(ytr))
        loss_sum = 0.0
        for i in range(0, len(order), args.batch):
            idx = order[i:i + args.batch]
            batch = []
            for j in idx:
                f = ftr[j]
                if args.dropout > 0 and len(f) > 2:
                    keep = rng.random(len(f)) >= args.dropout
                    if keep.any():
                        f = f[keep]
                batch.append(f)
            flat, starts, cnt, pooled, logits = forward(E, W, b, batch)
            p = softmax(logits)
            y = ytr[idx]
            w = class_w[y]
            loss_sum += float((-np.log(p[np.arange(len(y)), y] + 1e-9) * w).sum())
            g = p.copy()
            g[np.arange(len(y)), y] -= 1
            g *= (w / w.sum())[:, None]
            gW = pooled.T @ g + args.l2 * W
            gb = g.sum(axis=0)
            gpooled = g @ W.T
            seg = np.repeat(np.arange(len(batch)), cnt)
            gfeat = gpooled[seg] / cnt[seg][:, None]
            rows, inv = np.unique(flat, return_inverse=True)
            gE = np.zeros((len(rows), D), dtype=np.float32)
            np.add.at(gE, inv, gfeat)
            if frozen:
                gE[:, D - frozen:] = 0
            optE.step(E, gE, rows)
            optW.step(W, gW)
            optb.step(b, gb)
        dev = scores(ydev, predict(E, W, b, fdev))
        for name, ry, rf in reports:
            r = scores(ry, predict(E, W, b, rf))
            print(f"    {name}: macroRecall {r['macroRecall']:.4f} acc {r['accuracy']:.4f}")
        history.append({"epoch": epoch, "loss": loss_sum / len(ytr), **{k: v for k, v in dev.items() if k != "confusion"}})
        print(f"epoch {epoch}: loss {loss_sum / len(ytr):.4f} dev macroRecall {dev['macroRecall']:.4f} acc {dev['accuracy']:.4f} F1 {dev['macroF1']:.4f} ({time.time() - t0:.1f}s)")
        if dev["macroRecall"] > best[0]:
            best = (dev["macroRecall"], (E.copy(), W.copy(), b.copy()), {"epoch": epoch, **dev})
    E, W, b = best[1]
    # What ships is float16: check the selected model still scores the same after rounding.
    E = E.astype(np.float16).astype(np.float32)
    if args.calibrate:
        # Prior shift chosen on dev: two bias offsets (negative, positive vs neutral) that maximise
        # macro-recall; a coarse grid, so two numbers cannot memorise 2,000 messages.
        dev_logits = np.concatenate([forward(E, W, b, fdev[i:i + 2048])[4] for i in range(0, len(fdev), 2048)])
        best_shift, best_mr = (0.0, 0.0), scores(ydev, dev_logits.argmax(axis=1))["macroRecall"]
        grid = np.arange(-0.6, 0.61, 0.1)
        for dn in grid:
            for dp in grid:
                mr = scores(ydev, (dev_logits + np.array([dn, 0, dp])).argmax(axis=1))["macroRecall"]
                if mr > best_mr + 1e-9:
                    best_shift, best_mr = (float(dn), float(dp)), mr
        print(f"bias shift on dev: negative {best_shift[0]:+.1f}, positive {best_shift[1]:+.1f} -> macroRecall {best_mr:.4f}")
        b = b + np.array([best_shift[0], 0, best_shift[1]], dtype=np.float32)
    final = scores(ydev, predict(E, W, b, fdev))
    for name, ry, rf in reports:
        r = scores(ry, predict(E, W, b, rf))
        print(f"  final {name}: macroRecall {r['macroRecall']:.4f} acc {r['accuracy']:.4f}")
    print(f"selected epoch {best[2]['epoch']}: dev macroRecall {final['macroRecall']:.4f} (float16 embeddings)")
    export_onnx(os.path.join(args.out, "onnx", "model.onnx"), E, W, b, V, NB)
    with open(os.path.join(args.out, "training-metrics.json"), "w") as f:
        json.dump({"args": vars(args), "selected": best[2], "devFloat16": final, "history": history}, f, indent=2)


if __name__ == "__main__":
    main()
