#!/usr/bin/env python3
"""Lists common English words that the safety net's one-edit typo tolerance would read as another
lexicon word ("changing" as "hanging", "racist" as "rapist", "teenage" as the barrier "teenager"),
for `not_typos` in dialogues/rules/safety.yaml.

Usage: scripts/safety-real-word-neighbours.py [ZIPF] > /tmp/neighbours.txt

Needs a word list (Debian's `wbritish`: /usr/share/dict/british-english) and the `wordfreq` Python
package for how common a word is (Zipf scale; 3.0, the default, is about once in a million words).
A word is listed when it is in the word list, at least that common, not in the lexicon, not a
substitution, and one edit (as `SafetyNet.fuzzy` reads it) from exactly one lexicon word that is not
its own inflection ("suicides" stays a typo-tolerant "suicide"). The lexicon is read from the YAML,
so it is the words of phrases, barriers, fillers and the rest; rerun it after adding words.
"""
import collections, os, re, sys

import yaml
from wordfreq import zipf_frequency

repo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
minimum = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
net = yaml.safe_load(open(os.path.join(repo, "dialogues", "rules", "safety.yaml"), encoding="utf-8"))
fuzzy = int(net.get("fuzzy", 6))


def words(text):
    return re.findall(r"[a-z0-9]+", str(text).lower().replace("'", "").replace("\u2019", ""))


def phrases(node):
    if isinstance(node, dict):
        node = node.get("phrases", [])
    return node if isinstance(node, list) else [node]


lexicon = set()
for concept in (net.get("concepts") or {}).values():
    for p in phrases(concept): lexicon.update(words(p))
for guard in (net.get("guards") or {}).values():
    for p in phrases(guard): lexicon.update(words(p))
for rule in net.get("rules") or []:
    for key in ("match", "near", "not_near"):
        for p in rule.get(key) or []: lexicon.update(words(p))
for key in ("barriers", "fillers", "first_person"):
    for w in net.get(key) or []: lexicon.update(words(w))
for before in (net.get("ordinary_after") or {}).values():
    for w in before: lexicon.update(words(w))
for target in (net.get("substitutions") or {}).values(): lexicon.update(words(target))
for answers in (net.get("check_answers") or {}).values():
    for p in answers: lexicon.update(words(p))
lexicon -= {"_"}
known = set(map(str, net.get("not_typos") or [])) | set(map(str, (net.get("substitutions") or {}).keys()))

deletions = collections.defaultdict(set)
for w in lexicon:
    if len(w) >= fuzzy:
        for i in range(len(w)): deletions[w[:i] + w[i + 1:]].add(w)


def one_edit(a, b):
    if len(a) != len(b): return True
    d = [i for i in range(len(a)) if a[i] != b[i]]
    return len(d) == 1 or (len(d) == 2 and d[1] == d[0] + 1 and a[d[0]] == b[d[1]] and a[d[1]] == b[d[0]])


def read_as(w):
    found = set(deletions.get(w, ()))
    for i in range(len(w)):
        k = w[:i] + w[i + 1:]
        if len(k) >= fuzzy and k in lexicon: found.add(k)
        found.update(c for c in deletions.get(k, ()) if one_edit(w, c))
    return found


def inflection(a, b):
    a, b = sorted((a, b), key=len)
    if any(b == a + s for s in ("s", "es", "d", "ed", "ly", "y", "e")): return True
    return a.rstrip("s").rstrip("e") == b.rstrip("s").rstrip("e")


out = []
for line in open("/usr/share/dict/british-english", encoding="utf-8"):
    w = line.strip()
    if not w.isalpha() or not w.islower() or not w.isascii(): continue
    if w in lexicon or w in known or len(w) + 1 < fuzzy: continue
    found = read_as(w)
    if len(found) == 1 and not inflection(w, next(iter(found))) and zipf_frequency(w, "en") >= minimum:
        out.append(w)
print(", ".join(sorted(out)))
