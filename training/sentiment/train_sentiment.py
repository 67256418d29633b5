"""Trains baton-sentiment-mini: a fastText-style classifier (mean of piece + hashed-bigram
embeddings -> linear -> logits), class-weighted for macro-recall, each ensemble member's epoch
selected on a hold-out of --train (or on --dev without --holdout), members summed into one linear
model, and writes onnx/model.onnx (embeddings as int8 + per-column scale, or float16) plus
training-metrics.json. --dev is then only reported.

usage: train_sentiment.py --train IDS [--train-extra IDS] --dev IDS --vocab-size V --out DIR [--holdout F] [--members K] ...
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


def export_onnx(path, E, W, b, V, NB, quantize="float16"):
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    if quantize == "int8":
        # Symmetric per-column int8: half the size of float16, so the same few MB hold more dims.
        scale = np.maximum(np.abs(E).max(axis=0), 1e-8) / 127.0
        table = [numpy_helper.from_array(np.clip(np.round(E / scale), -127, 127).astype(np.int8), "embeddings"),
                 numpy_helper.from_array(scale.astype(np.float32), "embedding_scale")]
    else:
        table = [numpy_helper.from_array(E.astype(np.float16), "embeddings")]
    inits = table + [
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

    def lookup(ids, out):
        if quantize == "int8":
            return [n("Gather", ["embeddings", ids], [out + "_q"]), n("Cast", [out + "_q"], [out + "_raw"], to=TensorProto.FLOAT),
                    n("Mul", [out + "_raw", "embedding_scale"], [out])]
        return [n("Gather", ["embeddings", ids], [out + "_16"]), n("Cast", [out + "_16"], [out], to=TensorProto.FLOAT)]

    nodes = [
        n("Cast", ["attention_mask"], ["mask"], to=TensorProto.FLOAT),
        # Unigram pieces.
        *lookup("input_ids", "uni"),
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
        *lookup("bigram_id", "bi"),
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


def round_trip(E, quantize):
    """The embedding table as the exported graph will see it."""
    if quantize == "int8":
        scale = np.maximum(np.abs(E).max(axis=0), 1e-8) / 127.0
        return (np.clip(np.round(E / scale), -127, 127) * scale).astype(np.float32)
    return E.astype(np.float16).astype(np.float32)


def logits_of(E, W, b, feats, bs=2048):
    return np.concatenate([forward(E, W, b, feats[i:i + bs])[4] for i in range(0, len(feats), bs)])


def train_member(args, rng, E0, frozen, ftr, ytr, selection, reports, tag):
    """One fastText-style member, trained from E0's trained columns (zero start) and the frozen
    lexicon columns; returns the parameters of its best epoch on the selection set."""
    E = E0.copy()
    D = E.shape[1]
    W = (rng.standard_normal((D, 3)) * 0.1).astype(np.float32)
    b = np.zeros(3, dtype=np.float32)
    counts = np.bincount(ytr, minlength=3)
    class_w = (len(ytr) / (3 * counts)).astype(np.float32)
    optE, optW, optb = LazyAdam(E.shape, args.lr), LazyAdam(W.shape, args.lr), LazyAdam(b.shape, args.lr)
    sel_name, ysel, fsel = selection
    best = (-1.0, None, None)
    history = []
    stale = 0
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
        sel = scores(ysel, predict(E, W, b, fsel))
        line = f"{tag} epoch {epoch}: loss {loss_sum / len(ytr):.4f} {sel_name} macroRecall {sel['macroRecall']:.4f} acc {sel['accuracy']:.4f}"
        for name, ry, rf in reports:
            r = scores(ry, predict(E, W, b, rf))
            line += f" | {name} {r['macroRecall']:.4f}"
        print(line + f" ({time.time() - t0:.1f}s)", flush=True)
        history.append({"epoch": epoch, "loss": loss_sum / len(ytr), **{k: v for k, v in sel.items() if k != "confusion"}})
        if sel["macroRecall"] > best[0]:
            best = (sel["macroRecall"], (E.copy(), W.copy(), b.copy()), {"epoch": epoch, **sel})
            stale = 0
        else:
            stale += 1
            if stale >= args.patience:
                break
    return best[1], best[2], history


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True, help="IDS file; --holdout is drawn from it")
    ap.add_argument("--train-extra", help="IDS file always trained on (e.g. the synthetic support chat)")
    ap.add_argument("--dev", required=True)
    ap.add_argument("--vocab-size", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dim", type=int, default=32)
    ap.add_argument("--buckets", type=int, default=40000)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--patience", type=int, default=2, help="stop a member after this many epochs without a better selection score")
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--l2", type=float, default=0.0)
    ap.add_argument("--members", type=int, default=1, help="ensemble size; members are summed into one linear model")
    ap.add_argument("--holdout", type=float, default=0.0, help="fraction of --train held out for epoch selection and calibration (0: use --dev)")
    ap.add_argument("--quantize", choices=["float16", "int8"], default="float16")
    ap.add_argument("--lexicon", help="VADER lexicon file for the frozen valence prior")
    ap.add_argument("--tokenizer-json", help="tokenizer.json (needed with --lexicon)")
    ap.add_argument("--lexicon-scale", type=float, default=1.0)
    ap.add_argument("--init-scale", type=float, default=0.0)
    ap.add_argument("--calibrate", action="store_true", help="shift the class biases to maximise macro-recall on the selection set")
    ap.add_argument("--report", nargs="*", default=[], help="extra IDS files to report on each epoch (not used for selection)")
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    V, NB, D = args.vocab_size, args.buckets, args.dim

    tl, ts = read_ids(args.train)
    dl, ds = read_ids(args.dev)
    ytweets = np.array([LABELS.index(l) for l in tl])
    ydev = np.array([LABELS.index(l) for l in dl])
    ftweets, fdev = features(ts, V, NB), features(ds, V, NB)
    if args.holdout > 0:
        # Stratified and seeded: dev then never influences training, so its figure stays honest.
        hold = np.zeros(len(ytweets), dtype=bool)
        for k in range(3):
            idx = np.flatnonzero(ytweets == k)
            hold[rng.choice(idx, int(round(len(idx) * args.holdout)), replace=False)] = True
        selection = ("holdout", ytweets[hold], [f for f, h in zip(ftweets, hold) if h])
        ftr, ytr = [f for f, h in zip(ftweets, hold) if not h], ytweets[~hold]
    else:
        selection = ("dev", ydev, fdev)
        ftr, ytr = ftweets, ytweets
    if args.train_extra:
        el, es = read_ids(args.train_extra)
        ftr = ftr + features(es, V, NB)
        ytr = np.concatenate([ytr, np.array([LABELS.index(l) for l in el])])
    reports = [("dev", ydev, fdev)] if args.holdout > 0 else []
    for path in args.report:
        rl, rs = read_ids(path)
        reports.append((os.path.basename(path).split(".")[0], np.array([LABELS.index(l) for l in rl]), features(rs, V, NB)))
    counts = np.bincount(ytr, minlength=3)
    print(f"train {len(ytr)} {dict(zip(LABELS, counts.tolist()))}; {selection[0]} {len(selection[1])}; dev {len(ydev)}")

    # Zero start (as fastText's output side): a piece the data rarely shows stays near zero
    # instead of carrying random noise into every message that contains it.
    rows = V + NB
    E0 = (rng.standard_normal((rows, D)) * args.init_scale).astype(np.float32)
    frozen = 0
    cols = np.zeros((rows, 0), dtype=np.float32)
    if args.lexicon:
        cols = lexicon_columns(args.lexicon, args.tokenizer_json, V, NB) * args.lexicon_scale
        frozen = cols.shape[1]
    E0 = np.concatenate([E0, cols], axis=1)

    # An ensemble of linear bag models is itself one linear bag model: the members' trained columns
    # side by side, the frozen lexicon columns once, classifier rows stacked and averaged.
    parts, Wt, Wf, bs, selected, histories = [], [], [], [], [], []
    for m in range(args.members):
        (E, W, b), sel, history = train_member(args, rng, E0, frozen, ftr, ytr, selection, reports, f"member {m + 1}/{args.members}")
        parts.append(E[:, :D]); Wt.append(W[:D] / args.members); Wf.append(W[D:] / args.members); bs.append(b / args.members)
        selected.append(sel); histories.append(history)
    E = np.concatenate(parts + [cols], axis=1)
    W = np.concatenate(Wt + [sum(Wf) if frozen else np.zeros((0, 3), dtype=np.float32)], axis=0)
    b = sum(bs)
    # What ships is rounded (float16 or int8): select and report on the rounded table.
    E = round_trip(E, args.quantize)
    sel_name, ysel, fsel = selection
    print(f"ensemble of {args.members}: {sel_name} macroRecall {scores(ysel, predict(E, W, b, fsel))['macroRecall']:.4f}")
    shift = (0.0, 0.0)
    if args.calibrate:
        # Prior shift: two bias offsets (negative, positive vs neutral) that maximise macro-recall
        # on the selection set; a coarse grid, so two numbers cannot memorise it.
        sel_logits = logits_of(E, W, b, fsel)
        best_mr = scores(ysel, sel_logits.argmax(axis=1))["macroRecall"]
        grid = np.arange(-0.6, 0.61, 0.1)
        for dn in grid:
            for dp in grid:
                mr = scores(ysel, (sel_logits + np.array([dn, 0, dp])).argmax(axis=1))["macroRecall"]
                if mr > best_mr + 1e-9:
                    shift, best_mr = (round(float(dn), 1), round(float(dp), 1)), mr
        print(f"bias shift on {sel_name}: negative {shift[0]:+.1f}, positive {shift[1]:+.1f} -> macroRecall {best_mr:.4f}")
        b = b + np.array([shift[0], 0, shift[1]], dtype=np.float32)
    final = scores(ydev, predict(E, W, b, fdev))
    finals = {}
    for name, ry, rf in reports:
        r = scores(ry, predict(E, W, b, rf))
        finals[name] = r
        print(f"  final {name}: macroRecall {r['macroRecall']:.4f} acc {r['accuracy']:.4f} F1 {r['macroF1']:.4f}")
    print(f"final dev macroRecall {final['macroRecall']:.4f} acc {final['accuracy']:.4f} F1 {final['macroF1']:.4f} ({args.quantize} embeddings)")
    export_onnx(os.path.join(args.out, "onnx", "model.onnx"), E, W, b, V, NB, args.quantize)
    with open(os.path.join(args.out, "training-metrics.json"), "w") as f:
        json.dump({"args": vars(args), "hiddenSize": int(E.shape[1]), "biasShift": shift, "selected": selected, "dev": final,
                   "reports": finals, "history": histories}, f, indent=2)


if __name__ == "__main__":
    main()
