"""Trains baton-embed-mini: a static piece-embedding sentence encoder (mean pooling + normalize are
applied by the feature-extraction pipeline) and writes onnx/model.onnx with output last_hidden_state.

1. Unsupervised start: PPMI-weighted co-occurrence of pieces in all the given text (tweets and
   banking queries), reduced by a randomized SVD, so words the intent data never shows still get a
   meaningful vector.
2. Supervised tuning on intent-labelled queries: a shared linear map of the whole table plus a
   small L2-tied per-piece correction, trained with a cosine-softmax over intent prototypes (the
   prototypes are thrown away afterwards). The shared map keeps unseen words in the same space.
3. Frequent pieces are down-weighted (SIF: a / (a + p(w))) by scaling their rows, which is how a
   weighted mean is expressed through the pipeline's plain mean pooling.

usage: train_embed.py --labelled IDS --unlabelled IDS [IDS...] --vocab-size V --out DIR [--seed S]
"""
import argparse, json, os, sys, time
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "text"))
from bag_model import LazyAdam, flatten, read_ids  # noqa: E402

SPECIAL_IDS = [0, 1, 2, 3, 4]


def ppmi_svd(seqs, V, dim, window, contexts, rng):
    counts = np.bincount(np.concatenate(seqs), minlength=V).astype(np.float64)
    ctx_ids = np.argsort(-counts)[:contexts]
    ctx_index = -np.ones(V, dtype=np.int64)
    ctx_index[ctx_ids] = np.arange(len(ctx_ids))
    K = len(ctx_ids)
    C = np.zeros(V * K, dtype=np.float64)
    for off in range(1, window + 1):
        # All (piece, context) pairs at this distance, both directions, counted in one bincount.
        a = np.concatenate([s[:-off] for s in seqs if len(s) > off])
        b = np.concatenate([s[off:] for s in seqs if len(s) > off])
        for x, y in ((a, b), (b, a)):
            cy = ctx_index[y]; m = cy >= 0
            C += np.bincount(x[m] * K + cy[m], minlength=V * K) / off
    C = C.reshape(V, K).astype(np.float32)
    total = C.sum()
    row = C.sum(axis=1, keepdims=True)
    col = C.sum(axis=0, keepdims=True) ** 0.75
    col = col / col.sum() * total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(C * total / (row * col))
    pmi[~np.isfinite(pmi)] = 0
    P = np.maximum(pmi, 0).astype(np.float32)
    # Randomized SVD (Halko et al.) of the PPMI matrix.
    Q = rng.standard_normal((P.shape[1], dim + 20)).astype(np.float32)
    Y = P @ Q
    for _ in range(3):
        Y, _ = np.linalg.qr(Y)
        Y = P @ (P.T @ Y)
    Qm, _ = np.linalg.qr(Y)
    B = Qm.T @ P
    Ub, S, _ = np.linalg.svd(B, full_matrices=False)
    U = (Qm @ Ub)[:, :dim] * np.sqrt(S[:dim])
    U /= np.maximum(np.linalg.norm(U, axis=1, keepdims=True), 1e-6)
    U[counts == 0] = 0
    return U.astype(np.float32), counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--labelled", required=True)
    ap.add_argument("--unlabelled", nargs="+", required=True)
    ap.add_argument("--vocab-size", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--lr", type=float, default=0.003)
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--scale", type=float, default=16.0)
    ap.add_argument("--sif", type=float, default=1e-3)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    V, D = args.vocab_size, args.dim

    labels, seqs = read_ids(args.labelled)
    unl = list(seqs)
    for path in args.unlabelled:
        unl += read_ids(path)[1]
    t0 = time.time()
    E0, counts = ppmi_svd(unl, V, D, window=4, contexts=6000, rng=rng)
    print(f"PPMI-SVD start: {D} dims over {int((counts > 0).sum())} seen pieces ({time.time() - t0:.1f}s)")
    prob = counts / counts.sum()
    weight = (args.sif / (args.sif + prob)).astype(np.float32)
    weight[SPECIAL_IDS] = 0

    classes = sorted(set(labels))
    y = np.array([classes.index(l) for l in labels])
    M = np.eye(D, dtype=np.float32)
    R = np.zeros((V, D), dtype=np.float32)
    Pm = (rng.standard_normal((len(classes), D)) * 0.1).astype(np.float32)
    optM, optR, optP = LazyAdam(M.shape, args.lr), LazyAdam(R.shape, args.lr), LazyAdam(Pm.shape, args.lr)
    for epoch in range(1, args.epochs + 1):
        order = rng.permutation(len(y))
        loss_sum, correct = 0.0, 0
        for i in range(0, len(order), 64):
            idx = order[i:i + 64]
            batch = [seqs[j] for j in idx]
            flat, starts, cnt = flatten(batch)
            w = weight[flat][:, None]
            A = np.add.reduceat(E0[flat] * w, starts, axis=0) / cnt[:, None]
            AR = np.add.reduceat(R[flat] * w, starts, axis=0) / cnt[:, None]
            z = A @ M + AR
            r = np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-6)
            u = z / r
            pr = np.maximum(np.linalg.norm(Pm, axis=1, keepdims=True), 1e-6)
            Pn = Pm / pr
            logits = args.scale * u @ Pn.T
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits); p /= p.sum(axis=1, keepdims=True)
            yy = y[idx]
            loss_sum += float(-np.log(p[np.arange(len(yy)), yy] + 1e-9).sum())
            correct += int((p.argmax(axis=1) == yy).sum())
            g = p.copy(); g[np.arange(len(yy)), yy] -= 1; g /= len(yy)
            gu = args.scale * g @ Pn
            gPn = args.scale * g.T @ u
            gz = (gu - u * (u * gu).sum(axis=1, keepdims=True)) / r
            gP = (gPn - Pn * (Pn * gPn).sum(axis=1, keepdims=True)) / pr
            gM = A.T @ gz
            seg = np.repeat(np.arange(len(batch)), cnt)
            gfeat = gz[seg] * (w / cnt[seg][:, None])
            rows, inv = np.unique(flat, return_inverse=True)
            gR = np.zeros((len(rows), D), dtype=np.float32)
            np.add.at(gR, inv, gfeat)
            gR += args.l2 * R[rows]
            optM.step(M, gM); optR.step(R, gR, rows); optP.step(Pm, gP)
        print(f"epoch {epoch}: loss {loss_sum / len(y):.4f} train acc {correct / len(y):.4f}")

    table = (E0 @ M + R) * weight[:, None]
    table[SPECIAL_IDS] = 0
    export_onnx(os.path.join(args.out, "onnx", "model.onnx"), table)
    with open(os.path.join(args.out, "training-metrics.json"), "w") as f:
        json.dump({"args": vars(args), "classes": len(classes), "finalTrainLoss": loss_sum / len(y)}, f, indent=2)


def export_onnx(path, table):
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    nodes = [
        helper.make_node("Gather", ["embeddings", "input_ids"], ["hidden16"]),
        helper.make_node("Cast", ["hidden16"], ["last_hidden_state"], to=TensorProto.FLOAT),
    ]
    graph = helper.make_graph(
        nodes,
        "baton-embed-mini",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch_size", "sequence_length"]),
        ],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch_size", "sequence_length", table.shape[1]])],
        [numpy_helper.from_array(table.astype(np.float16), "embeddings")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="baton-training")
    model.ir_version = 7
    onnx.checker.check_model(model)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    onnx.save(model, path)


if __name__ == "__main__":
    main()
