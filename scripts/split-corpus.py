#!/usr/bin/env python3
"""Splits newly written labelled examples into a tuning and a held-out portion, once, before tuning.

Usage: scripts/split-corpus.py safety RAW_DIR...      -> Tests/Corpora/safety/{tuning,held-out}.tsv
       scripts/split-corpus.py listening RAW_DIR...   -> Tests/Corpora/listening/{tuning,held-out}.tsv
       scripts/split-corpus.py tasks RAW_DIR...       -> Tests/Corpora/tasks/{tuning,held-out}.tsv

Each RAW_DIR holds *.tsv files whose last column is the text. A line goes to the held-out third
when the SHA-1 of its lower-cased text is 0 mod 3, so the split does not depend on order and a line
never moves between portions. The held-out portion is for measuring only: it is not read line by
line while writing rules (docs/safety.md, docs/reflection.md).
"""
import hashlib, os, sys

headers = {
    "safety": ("# expect\tkind\tperson\ttext   (expect: crisis, check or none)\n", 4, 1),
    "listening": ("# theme\tfeeling\tfocus\ttext   (focus: |-separated stems a good reply takes up)\n", 4, 0),
    "tasks": ("# label\toccupation\tkind\ttext   (label: E0, E1 or E2 by the rubric; kind: plain, sentence, vocab, trade, ai-tool, misleading)\n", 4, 1),
}
corpus, raws = sys.argv[1], sys.argv[2:]
header, columns, sort_column = headers[corpus]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Corpora", corpus)
os.makedirs(root, exist_ok=True)
portions = {"tuning": [], "held-out": []}
seen = set()
for path in (os.path.join(root, p + ".tsv") for p in portions):
    if os.path.exists(path):
        seen.update(l.rstrip("\n").split("\t")[-1].strip().lower() for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#"))
for raw in raws:
    for name in sorted(os.listdir(raw)):
        if not name.endswith(".tsv"):
            continue
        for line in open(os.path.join(raw, name), encoding="utf-8"):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            parts = line.split("\t")
            assert len(parts) == columns, f"{name}: expected {columns} columns: {line!r}"
            key = parts[-1].strip().lower()
            if key in seen:
                continue
            seen.add(key)
            held = int(hashlib.sha1(key.encode()).hexdigest(), 16) % 3 == 0
            portions["held-out" if held else "tuning"].append(line)
for portion, lines in portions.items():
    path = os.path.join(root, portion + ".tsv")
    existing = []
    if os.path.exists(path):
        existing = [l.rstrip("\n") for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#")]
    with open(path, "w", encoding="utf-8") as out:
        out.write(header)
        for line in sorted(set(existing + lines), key=lambda l: (l.split("\t")[sort_column], l)):
            out.write(line + "\n")
    print(f"{portion}: {len(lines)} new lines")
