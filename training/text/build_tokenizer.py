"""Builds a Hugging Face `tokenizers` WordPiece tokenizer.json (BERT-style) from raw text corpora.

The vocabulary is learned from the training text itself: frequent whole words, then frequent
word-initial pieces and `##` continuation pieces so unseen words still split into known parts,
plus every frequent single character (emoji included). Only counting happens here; the exact
tokenization used for training is done afterwards by transformers.js itself (tokenize-corpus.ts),
so training and inference can never disagree.

usage: build_tokenizer.py --out DIR --max-words N [--min-count K] [--pieces N] FILE:COLUMN ...
  FILE:COLUMN  a TSV (.tsv) or CSV (.csv) file with a header and the name of its text column
"""
import argparse, collections, csv, json, os, re, sys, unicodedata

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
# Normalizers applied before BertNormalizer (same config is written into tokenizer.json).
REPLACEMENTS = [
    ({"Regex": "https?://\\S+"}, " httpurl "),
    ({"Regex": "@[A-Za-z0-9_]+"}, " @user "),
    # Elongated letters ("sooooo", "noooo") fold to two, so every length shares one piece.
    ({"Regex": "(\\p{L})\\1{2,}"}, "$1$1"),
    ({"String": "\u2019"}, "'"),
    ({"String": "\u2018"}, "'"),
]


def emoji_words(path=os.path.join(os.path.dirname(os.path.abspath(__file__)), "emoji-words.tsv")):
    """Common emoji -> an English word with the same sentiment (emoji-words.tsv, written for Baton).
    The tweets carry no emoji, so the normalizer rewrites them into words the model, the lexicon
    prior and the pretrained vectors all know; skin-tone and gender modifiers and joiners go."""
    pairs = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            word, chars = line.rstrip("\n").split("\t")
            pairs.append(("[" + chars + "]", " " + word + " "))
    return pairs + [("[\U0001F3FB-\U0001F3FF\u200d\u2640\u2642]", "")]


# Literal characters inside [...] read the same as a JS (u flag) and a Python character class.
EMOJI = emoji_words()
REPLACEMENTS += [({"Regex": cls}, word) for cls, word in EMOJI]


def idiom_words(path=os.path.join(os.path.dirname(os.path.abspath(__file__)), "idiom-words.tsv")):
    """Fixed support-chat phrases -> one word with the phrase's sentiment (idiom-words.tsv, written
    for Baton), as VADER special-cases idioms: the frozen lexicon columns read "no problem" as
    `no` (-1.2) + `problem` (-1.7), which no learned bigram outweighs. Patterns are lower-case
    regexes matched as whole words after the Lowercase step."""
    pairs = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            pattern, word = line.rstrip("\n").split("\t")
            pairs.append(("\\b(?:" + pattern + ")\\b", " " + word + " "))
    return pairs


# Only (?:...), ?, |, [...] and \b: read the same by Python re, Rust's onig and transformers.js.
IDIOMS = idiom_words()


def is_punct(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def normalize(text):
    text = re.sub(r"https?://\S+", " httpurl ", text)
    text = re.sub(r"@[A-Za-z0-9_]+", " @user ", text)
    text = re.sub(r"([^\W\d_])\1{2,}", r"\1\1", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    for cls, word in EMOJI:
        text = re.sub(cls, word, text)
    text = text.lower()
    for pattern, word in IDIOMS:
        text = re.sub(pattern, word, text)
    text = "".join(" " if c.isspace() else c for c in text if unicodedata.category(c) not in ("Cc", "Cf", "Co", "Cs") or c in "\t\n\r")
    text = text.lower()
    text = unicodedata.normalize("NFD", text)
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def pre_tokenize(text):
    words, cur = [], []
    for ch in text:
        if ch.isspace():
            if cur:
                words.append("".join(cur)); cur = []
        elif is_punct(ch):
            if cur:
                words.append("".join(cur)); cur = []
            words.append(ch)
        else:
            cur.append(ch)
    if cur:
        words.append("".join(cur))
    return words


def read_texts(spec):
    path, column = spec.rsplit(":", 1)
    delimiter = "\t" if path.endswith(".tsv") else ","
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f, delimiter=delimiter, quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL)
        header = next(reader)
        if column not in header:
            sys.exit(f"{path}: no column named {column!r} in header {header}")
        idx = header.index(column)
        for row in reader:
            if len(row) > idx:
                yield row[idx]


def build(args):
    words = collections.Counter()
    for spec in args.corpus:
        for text in read_texts(spec):
            words.update(pre_tokenize(normalize(text)))
    vocab = list(SPECIAL)
    seen = set(vocab)

    def add(tok):
        if tok not in seen:
            seen.add(tok); vocab.append(tok)

    chars = collections.Counter()
    prefixes = collections.Counter()
    inner = collections.Counter()
    for w, c in words.items():
        for i, ch in enumerate(w):
            chars[("" if i == 0 else "##") + ch] += c
        for n in range(2, min(len(w), 7) + 1):
            prefixes[w[:n]] += c
        for i in range(1, len(w)):
            for n in range(2, 6):
                if i + n <= len(w):
                    inner["##" + w[i:i + n]] += c
    for tok, c in sorted(chars.items(), key=lambda kv: (-kv[1], kv[0])):
        if c >= args.min_count:
            add(tok)
    for w, c in sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[: args.max_words]:
        if c >= args.min_count:
            add(w)
    # Words from a lexicon (e.g. VADER's) join as whole words even when the corpus saw them rarely.
    for path in args.extra_words or []:
        with open(path, encoding="utf-8") as f:
            for line in f:
                entry = line.split("\t", 1)[0]
                toks = pre_tokenize(normalize(entry))
                if len(toks) == 1 and toks[0].isalpha():
                    add(toks[0])
    pieces = [(t, c) for t, c in prefixes.items() if t not in seen] + [(t, c) for t, c in inner.items()]
    pieces.sort(key=lambda kv: (-kv[1], kv[0]))
    for tok, c in pieces[: args.pieces]:
        if c >= args.min_count * 5:
            add(tok)

    ids = {tok: i for i, tok in enumerate(vocab)}
    tokenizer = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}
            for i, t in enumerate(SPECIAL)
        ],
        "normalizer": {
            "type": "Sequence",
            "normalizers": [{"type": "Replace", "pattern": p, "content": c} for p, c in REPLACEMENTS]
            + [{"type": "Lowercase"}]
            + [{"type": "Replace", "pattern": {"Regex": p}, "content": c} for p, c in IDIOMS]
            + [{"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True, "strip_accents": None, "lowercase": True}],
        },
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [
                {"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "[SEP]", "type_id": 1}},
            ],
            "special_tokens": {t: {"id": t, "ids": [ids[t]], "tokens": [t]} for t in ("[CLS]", "[SEP]")},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100, "vocab": ids},
    }
    tokenizer_config = {
        "tokenizer_class": "BertTokenizer",
        "do_lower_case": True,
        "model_max_length": args.max_length,
        "cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]", "unk_token": "[UNK]", "mask_token": "[MASK]",
        "clean_up_tokenization_spaces": True,
    }
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False)
    with open(os.path.join(args.out, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer_config, f, indent=2)
    print(f"tokenizer: {len(vocab)} entries ({sum(1 for t in vocab if t.startswith('##'))} continuation pieces) -> {args.out}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--max-words", type=int, default=20000)
    ap.add_argument("--pieces", type=int, default=4000)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--max-length", type=int, default=256)
    ap.add_argument("--extra-words", action="append", help="file whose first tab-separated column lists words to include")
    ap.add_argument("corpus", nargs="+")
    build(ap.parse_args())
