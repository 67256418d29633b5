"""Shared pieces of Baton's tiny bag-of-pieces models: reading token-id files, the in-graph bigram
hash (the ONNX graph computes the very same int64 arithmetic), lazy Adam for embedding rows."""
import numpy as np

BIGRAM_PRIME = 10007


def read_ids(path):
    labels, seqs = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            label, ids = line.split("\t", 1)
            labels.append(label)
            seqs.append(np.array([int(x) for x in ids.split()], dtype=np.int64))
    return labels, seqs


def bigram_ids(seq, vocab_size, buckets):
    a, b = seq[:-1], seq[1:]
    return vocab_size + (a * BIGRAM_PRIME + b) % buckets


class LazyAdam:
    """Adam that only touches the rows a batch used (fastText-style sparse updates)."""

    def __init__(self, shape, lr, b1=0.9, b2=0.999, eps=1e-8):
        self.m = np.zeros(shape, dtype=np.float32)
        self.v = np.zeros(shape, dtype=np.float32)
        self.lr, self.b1, self.b2, self.eps, self.t = lr, b1, b2, eps, 0

    def step(self, param, grad, rows=None):
        self.t += 1
        if rows is None:
            self.m = self.b1 * self.m + (1 - self.b1) * grad
            self.v = self.b2 * self.v + (1 - self.b2) * grad * grad
            m, v = self.m, self.v
        else:
            self.m[rows] = self.b1 * self.m[rows] + (1 - self.b1) * grad
            self.v[rows] = self.b2 * self.v[rows] + (1 - self.b2) * grad * grad
            m, v = self.m[rows], self.v[rows]
        mhat = m / (1 - self.b1 ** self.t)
        vhat = v / (1 - self.b2 ** self.t)
        update = self.lr * mhat / (np.sqrt(vhat) + self.eps)
        if rows is None:
            param -= update
        else:
            param[rows] -= update


def flatten(batch):
    """Concatenates per-example feature arrays; returns ids, segment starts and counts."""
    counts = np.array([len(x) for x in batch], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    return np.concatenate(batch), starts, counts

