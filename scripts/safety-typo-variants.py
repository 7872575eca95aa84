#!/usr/bin/env python3
"""Writes one-typo variants of a safety corpus portion, for measuring the net's typo tolerance.

Usage: scripts/safety-typo-variants.py [tuning|FILE.tsv] > /tmp/variants.tsv
       scripts/evaluate-safety.py /tmp/variants.tsv

For each line with a word of six letters or more, two variants, each with one random edit
(substitution, deletion, insertion or swap of neighbours) in one such word; the label is the
line's own. Seeded, so a run gives the same variants. Refuses the held-out portion: its lines are
only measured as they are.
"""
import os, random, sys

repo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
which = sys.argv[1] if len(sys.argv) > 1 else "tuning"
path = which if which.endswith(".tsv") else os.path.join(repo, "Tests", "Corpora", "safety", which + ".tsv")
if os.path.basename(path) == "held-out.tsv":
    sys.exit("the held-out portion is only measured as it is")
random.seed(27)
letters = "abcdefghijklmnopqrstuvwxyz"


def typo(word):
    i = random.randrange(len(word))
    kind = random.choice("sdit")
    if kind == "s":
        return word[:i] + random.choice(letters) + word[i + 1:]
    if kind == "d":
        return word[:i] + word[i + 1:]
    if kind == "i":
        return word[:i] + random.choice(letters) + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2:] if i < len(word) - 1 else word


for line in open(path, encoding="utf-8"):
    if not line.strip() or line.startswith("#"):
        continue
    expect, kind, person, text = line.rstrip("\n").split("\t")[:4]
    words = text.split()
    long_words = [j for j, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    for _ in range(2 if long_words else 0):
        j = random.choice(long_words)
        changed = list(words)
        changed[j] = typo(changed[j])
        print(f"{expect}\t{kind}\t{person}\t{' '.join(changed)}")
