#!/usr/bin/env python3
"""Splits newly written safety-net examples into the tuning and held-out portions, once, before tuning.

Usage: scripts/split-safety-corpus.py RAW_DIR...   (each RAW_DIR holds *.tsv: expect, kind, person, text)

A line goes to the held-out third when the SHA-1 of its lower-cased text is 0 mod 3, so the split
does not depend on order and a line never moves between portions. The held-out portion is for
measuring only: it is not read line by line while writing rules (see docs/safety.md).
"""
import hashlib, os, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Corpora", "safety")
header = "# expect\tkind\tperson\ttext   (expect: crisis, check or none)\n"
portions = {"tuning": [], "held-out": []}
seen = set()
for raw in sys.argv[1:]:
    for name in sorted(os.listdir(raw)):
        if not name.endswith(".tsv"):
            continue
        for line in open(os.path.join(raw, name), encoding="utf-8"):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            parts = line.split("\t")
            assert len(parts) == 4 and parts[0] in ("crisis", "check", "none"), f"{name}: bad line {line!r}"
            key = parts[3].strip().lower()
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
        for line in sorted(set(existing + lines), key=lambda l: (l.split("\t")[1], l)):
            out.write(line + "\n")
    print(f"{portion}: {len(lines)} new lines")
