#!/usr/bin/env python3
"""Scores the safety net's data against a labelled portion without building: pipes the lines
through `groundwork safety` and prints recall and false alarms per kind.

Usage: scripts/evaluate-safety.py [tuning|held-out|FILE.tsv] [show]
       GROUNDWORK=/path/to/groundwork DIALOGUES=dialogues scripts/evaluate-safety.py tuning show

`show` lists the misses and false alarms line by line; it is refused for the held-out portion,
which is only ever measured (docs/safety.md).
"""
import collections, os, subprocess, sys

repo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
which = sys.argv[1] if len(sys.argv) > 1 else "tuning"
show = len(sys.argv) > 2 and sys.argv[2] == "show"
path = which if which.endswith(".tsv") else os.path.join(repo, "Tests", "Corpora", "safety", which + ".tsv")
if show and os.path.basename(path) == "held-out.tsv":
    sys.exit("the held-out portion is only measured: 'show' is for the tuning portion")
binary = os.environ.get("GROUNDWORK", os.path.join(repo, ".build", "debug", "groundwork"))
dialogues = os.environ.get("DIALOGUES", os.path.join(repo, "dialogues"))
rows = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#")]
out = subprocess.run([binary, "safety", "--dialogues", dialogues], input="\n".join(r[3] for r in rows) + "\n",
                     capture_output=True, text=True)
if out.returncode != 0 or out.stderr:
    sys.exit(out.stderr.strip() or f"'{binary}' failed")
results = [l.split("\t") for l in out.stdout.splitlines()]
assert len(results) == len(rows), (len(results), len(rows))
by = collections.defaultdict(lambda: [0, 0, 0, 0, 0])  # positives, caught, negatives, full alarms, checks
listed = []
for (expect, kind, _, text), (tier, _, rule, why) in zip(rows, results):
    counts = by[kind]
    if expect != "none":
        counts[0] += 1
        if tier != "none": counts[1] += 1
        else: listed.append(f"MISS  {kind:15} {text}   ({why})")
    else:
        counts[2] += 1
        if tier == "crisis": counts[3] += 1; listed.append(f"ALARM {kind:15} {text}   ({rule})")
        elif tier == "check": counts[4] += 1; listed.append(f"CHECK {kind:15} {text}   ({rule})")
for kind, (p, c, n, a, k) in sorted(by.items()):
    print(f"{kind:16} caught {c}/{p}; negatives {n}: alarm {a}, check {k}")
P, C, N, A, K = (sum(v[i] for v in by.values()) for i in range(5))
print(f"recall {C}/{P} ({100 * C / max(P, 1):.1f}%); of {N} negatives, full alarm {A} ({100 * A / max(N, 1):.1f}%), "
      f"gentle check {K} ({100 * K / max(N, 1):.1f}%)")
if show:
    print("\n".join(listed))
